// "Has this been asked before?": while a new thread's title is typed, the network's threads with
// similar titles are listed under it (GET /search/similar, as JSON), up to five. It asks once typing
// pauses (300 ms), only for titles of three letters or more, and drops an answer overtaken by newer
// typing. Nothing is shown when nothing is similar; without JavaScript the form is as it always was.
(function () {
  'use strict';
  var box = document.querySelector('[data-similar-threads]');
  var input = document.getElementById('field-title');
  if (!box || !input || !window.fetch || !window.AbortController) return;
  var field = input.closest('.field');
  // Under the title it is about.
  if (field) field.insertAdjacentElement('afterend', box);

  var address = box.getAttribute('data-similar-threads');
  var heading = box.getAttribute('data-heading');
  // Answered questions come first, and say so.
  var answeredLabel = box.getAttribute('data-answered-label');
  var timer = null;
  var asking = null;
  var shown = '';

  function letters(text) {
    var found = text.match(/[\p{L}\p{N}]/gu);
    return found ? found.length : 0;
  }

  function show(threads) {
    // The same list again says nothing new to a screen reader: left as it is.
    var key = threads
      .map(function (thread) {
        return thread.path;
      })
      .join(' ');
    if (key === shown) return;
    shown = key;
    box.textContent = '';
    if (threads.length === 0) return;
    var title = document.createElement('h2');
    title.textContent = heading;
    var list = document.createElement('ul');
    threads.slice(0, 5).forEach(function (thread) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = thread.path;
      link.textContent = thread.title;
      item.appendChild(link);
      if (thread.answered && answeredLabel) {
        var badge = document.createElement('span');
        badge.className = 'badge answered-badge';
        badge.textContent = answeredLabel;
        item.appendChild(document.createTextNode(' '));
        item.appendChild(badge);
      }
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
  }

  function ask() {
    var title = input.value.trim();
    if (asking) asking.abort();
    asking = null;
    if (letters(title) < 3) {
      show([]);
      return;
    }
    var controller = new window.AbortController();
    asking = controller;
    window
      .fetch(address + '&title=' + encodeURIComponent(title), {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        signal: controller.signal,
      })
      .then(function (response) {
        return response.ok ? response.json() : { threads: [] };
      })
      .then(function (body) {
        if (asking !== controller) return;
        asking = null;
        show(Array.isArray(body.threads) ? body.threads : []);
        // Which title the list now answers (an empty list included), for whoever waits on it.
        box.setAttribute('data-answered', title);
      })
      .catch(function () {
        // Overtaken by newer typing, or the network is away: the form works without the list.
      });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  });
  // A refused form comes back with its title typed.
  if (input.value.trim()) ask();
})();
