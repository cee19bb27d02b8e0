// Menus are <details> and work without this; with it, an open menu closes on Escape (focus back on its
// button) or on a tap anywhere else, and opening one closes the others.
(function () {
  'use strict';
  function openMenus() {
    return Array.prototype.slice.call(document.querySelectorAll('details.menu[open]'));
  }
  document.addEventListener('click', function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    openMenus().forEach(function (menu) {
      if (!menu.contains(document.activeElement) && document.activeElement !== document.body) return;
      menu.open = false;
      var summary = menu.querySelector('summary');
      if (summary) summary.focus();
    });
  });
})();
