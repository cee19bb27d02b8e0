// Destructive actions ask first. Without JavaScript a link marked data-confirm-post goes to its own
// confirmation page (GET), and a form marked data-confirm posts as it is; with it, a <dialog> asks
// instead: data-confirm is the question, data-confirm-detail an optional line under it,
// data-confirm-yes and data-confirm-no the buttons' words. Confirming a link posts to its
// data-confirm-post address; confirming a form sends that form.
(function () {
  'use strict';
  if (typeof HTMLDialogElement !== 'function') return;

  var dialog = document.createElement('dialog');
  dialog.className = 'confirm-dialog';
  dialog.setAttribute('aria-labelledby', 'confirm-dialog-title');
  dialog.setAttribute('aria-describedby', 'confirm-dialog-detail');
  dialog.innerHTML =
    '<form method="post" class="confirm-actions">' +
    '<h2 id="confirm-dialog-title"></h2>' +
    '<p id="confirm-dialog-detail"></p>' +
    '<div class="confirm-buttons">' +
    '<button type="submit" class="button danger" data-yes></button>' +
    '<button type="button" class="button" data-no></button>' +
    '</div></form>';
  var form = dialog.querySelector('form');
  var title = dialog.querySelector('h2');
  var detail = dialog.querySelector('p');
  var yes = dialog.querySelector('[data-yes]');
  var no = dialog.querySelector('[data-no]');
  /** The form that asked, when a form asked (its own submit is sent on yes); null for a link. */
  var asking = null;
  var opener = null;

  no.addEventListener('click', function () {
    dialog.close();
  });
  dialog.addEventListener('close', function () {
    if (opener && document.contains(opener)) opener.focus();
  });
  form.addEventListener('submit', function (event) {
    if (!asking) return; // a link: this form posts to its address
    event.preventDefault();
    var target = asking;
    asking = null;
    dialog.close();
    target.setAttribute('data-confirmed', '');
    target.submit();
  });

  function ask(element, action) {
    opener = element;
    title.textContent = element.getAttribute('data-confirm');
    var more = element.getAttribute('data-confirm-detail') || '';
    detail.textContent = more;
    detail.hidden = !more;
    yes.textContent = element.getAttribute('data-confirm-yes') || element.textContent.trim();
    no.textContent = element.getAttribute('data-confirm-no') || 'Cancel';
    form.setAttribute('action', action || '');
    if (!dialog.isConnected) document.body.appendChild(dialog);
    dialog.showModal();
    no.focus();
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-confirm-post]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    asking = null;
    ask(link, link.getAttribute('data-confirm-post'));
  });

  document.addEventListener('submit', function (event) {
    var target = event.target;
    if (!target.matches || !target.matches('form[data-confirm]') || target.hasAttribute('data-confirmed')) return;
    event.preventDefault();
    ask(target, null);
    asking = target;
  });
})();
