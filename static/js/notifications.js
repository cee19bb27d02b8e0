// The unread count in the header, kept current over /live (the signed-in viewer's own topic `me`).
// Without JavaScript the count is still right on every page load.
(function () {
  'use strict';
  var badge = document.querySelector('[data-unread-count]');
  if (!badge || !('WebSocket' in window)) return;
  var delay = 1000;

  function show(unread) {
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = unread === 0;
    badge.setAttribute('aria-label', (badge.getAttribute('data-text') || '{count}').replace('{count}', String(unread)));
  }

  function connect() {
    var socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
    var pinger;
    socket.onopen = function () {
      delay = 1000;
      socket.send(JSON.stringify({ type: 'subscribe', topic: 'me' }));
      pinger = setInterval(function () {
        socket.send(JSON.stringify({ type: 'ping' }));
      }, 25000);
    };
    socket.onmessage = function (message) {
      var data;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      if (data.type === 'notifications' && data.topic === 'me' && typeof data.unread === 'number') show(data.unread);
    };
    socket.onclose = function () {
      clearInterval(pinger);
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
