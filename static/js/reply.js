// Opens a small reply form under the post being answered, instead of leaving the page; it says whom
// it answers, and Escape (or Cancel) closes it. Without JavaScript the reply link leads to
// /t/:id/reply?to=:postId, which does the same. After posting, the page comes back at the new post with
// a notice in it (views/partials/notice.hbs): focus goes to that post.
(function () {
  'use strict';
  var notice = document.querySelector('.post [data-flash-notice]');
  if (notice) {
    var acted = notice.closest('.post');
    acted.setAttribute('tabindex', '-1');
    acted.focus();
  }

  var template = document.getElementById('reply-form-template');
  if (!template) return;

  function oneTimeKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      })
      .join('');
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-reply-to]');
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var post = link.closest('.post');
    if (!post) return;
    event.preventDefault();
    var open = post.parentNode.querySelector(':scope > .inline-reply');
    if (open) {
      open.querySelector('textarea').focus();
      return;
    }
    var form = template.content.firstElementChild.cloneNode(true);
    form.classList.add('inline-reply');
    form.querySelector('input[name="parentId"]').value = link.getAttribute('data-reply-to');
    // Each reply form gets its own one-time key: sent twice, it still makes one reply.
    form.querySelector('input[name="submission"]').value = oneTimeKey();
    var textarea = form.querySelector('textarea');
    textarea.id = 'reply-to-' + link.getAttribute('data-reply-to');
    var label = form.querySelector('label');
    label.setAttribute('for', textarea.id);
    var author = post.querySelector('.post-author');
    if (author && label.getAttribute('data-text')) label.textContent = label.getAttribute('data-text').replace('{name}', author.textContent.trim());
    function close() {
      form.remove();
      link.focus();
    }
    form.querySelector('[data-cancel]').addEventListener('click', close);
    form.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        close();
      }
    });
    post.insertAdjacentElement('afterend', form);
    textarea.focus();
  });
})();
