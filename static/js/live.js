// Live updates over /live: new replies appear in place in the thread's tree; a board says how many
// new threads wait. Resumes from its last cursor after a dropped connection; reloads when the session
// it was opened with ends. Without JavaScript (or WebSocket) the pages simply work as before.
(function () {
  'use strict';
  var root = document.querySelector('[data-live-topic]');
  if (!root || !('WebSocket' in window) || !('content' in document.createElement('template'))) return;

  var topic = root.getAttribute('data-live-topic');
  var cursor = Number(root.getAttribute('data-live-cursor'));
  var onLastPage = root.getAttribute('data-last-page') === 'true';
  // A page with many replies is cut into parts in the order written; its new replies land on the last.
  var onLastPart = root.getAttribute('data-last-part') === 'true';
  var announcer = root.querySelector('[data-live-announcer]');
  // The "N replies" heading of a thread page, counted up as replies arrive (each post once).
  var replyCount = root.querySelector('[data-reply-count]');
  var counted = {};
  var delay = 1000;
  // Close codes (README, Live updates).
  var POLICY = 1008;
  var TOO_BIG = 1009;
  var SESSION_ENDED = 4401;
  var newThreads = 0;
  var socket;
  var pinger;

  function fromServerHtml(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function announce(post) {
    if (!announcer) return;
    announcer.textContent = (announcer.getAttribute('data-text') || '').replace('{name}', post.author.displayName);
  }

  function childList(parentArticle, parentId) {
    var holder = parentArticle.closest('li.reply');
    var list = holder ? holder.querySelector(':scope > ol.replies') : root.querySelector('ol.replies[data-replies-of="' + parentId + '"]');
    if (!list) {
      list = document.createElement('ol');
      list.className = 'replies';
      list.setAttribute('data-replies-of', String(parentId));
      holder.appendChild(list);
    }
    return list;
  }

  function countReply(post) {
    if (!replyCount || counted[post.id] || !post.parentId) return;
    counted[post.id] = true;
    var count = Number(replyCount.getAttribute('data-reply-count')) + 1;
    replyCount.setAttribute('data-reply-count', String(count));
    var text = count === 1 ? replyCount.getAttribute('data-text-one') : replyCount.getAttribute('data-text');
    if (text) replyCount.textContent = text.replace('{count}', new Intl.NumberFormat(document.documentElement.lang || undefined).format(count));
  }

  function insertPost(post) {
    if (document.getElementById('p-' + post.id)) return replacePost(post);
    // Counted wherever it lands: the heading counts the whole thread's replies, on every page.
    countReply(post);
    var parent = document.getElementById('p-' + post.parentId);
    // Top-level replies belong on the last page, every reply on the last part of its page; replies to
    // posts on other pages or parts are not ours to show.
    if (!parent || !onLastPart || (post.depth === 1 && !onLastPage)) return;
    var article = fromServerHtml(post.html);
    if (!article) return;
    var item = document.createElement('li');
    item.className = 'reply depth-' + article.getAttribute('data-depth') + ' is-new';
    item.appendChild(article);
    var nests = Number(article.getAttribute('data-depth')) > Number(parent.getAttribute('data-depth'));
    if (nests) {
      childList(parent, post.parentId).appendChild(item);
    } else {
      // Shown flatter than it is (past the depth cap): it lines up after the post it answers.
      var run = parent.closest('li.reply');
      run.parentNode.appendChild(item);
    }
    announce(post);
    setTimeout(function () {
      item.classList.remove('is-new');
    }, 4000);
  }

  // A post shown anew (edited, or its creation replayed to a page read before its event was sent) keeps
  // what this visit gave it: the notice about what the reader just did there, and the focus.
  function replacePost(post) {
    var existing = document.getElementById('p-' + post.id);
    var article = existing && fromServerHtml(post.html);
    if (!article) return;
    var notice = existing.querySelector(':scope > [data-flash-notice]');
    var active = document.activeElement;
    var focusAfter = active === existing ? article : notice && active === notice ? notice : null;
    if (notice) article.insertBefore(notice, article.firstChild);
    if (existing.hasAttribute('tabindex')) article.setAttribute('tabindex', existing.getAttribute('tabindex'));
    existing.replaceWith(article);
    if (focusAfter) focusAfter.focus({ preventScroll: true });
  }

  // A meeting's counts and who is coming, as the server renders them for this reader.
  function replaceMeeting(html) {
    var existing = root.querySelector('[data-meeting-live]');
    var fresh = existing && fromServerHtml(html);
    if (fresh) existing.replaceWith(fresh);
  }

  // An offer ended, was extended or taken: its box, as the server renders it for this reader.
  function replaceOffer(html) {
    var existing = root.querySelector('.offer-box');
    var fresh = existing && fromServerHtml(html);
    if (fresh) existing.replaceWith(fresh);
  }

  // A post's thanks changed: its count (as this reader may see it) and, for whoever thanked, their button.
  function updateThanks(message) {
    var article = document.getElementById('p-' + message.postId);
    if (!article) return;
    var link = article.querySelector('[data-thanks-count]');
    if (link) {
      var text = message.count === 1 ? link.getAttribute('data-text-one') : link.getAttribute('data-text');
      link.setAttribute('data-thanks-count', String(message.count));
      if (text) link.textContent = text.replace('{count}', new Intl.NumberFormat(document.documentElement.lang || undefined).format(message.count));
      link.hidden = message.count === 0;
    }
    var button = article.querySelector('.thanks-button');
    if (button && typeof message.thanked === 'boolean') {
      button.setAttribute('aria-pressed', String(message.thanked));
      button.textContent = button.getAttribute(message.thanked ? 'data-text-thanked' : 'data-text-thank') || button.textContent;
    }
  }

  // A question's answer changed: the posts marked and unmarked, and the box under the question, as the server renders them for this reader.
  function changeAnswer(message) {
    (message.posts || []).forEach(replacePost);
    var slot = root.querySelector('[data-answer-live]');
    if (!slot) return;
    var fresh = message.answerHtml ? fromServerHtml(message.answerHtml) : null;
    slot.textContent = '';
    if (fresh) slot.appendChild(fresh);
  }

  function showNewThreads() {
    newThreads += 1;
    var notice = root.querySelector('[data-live-notice]');
    var link = root.querySelector('[data-live-count]');
    if (!notice || !link) return;
    link.textContent = newThreads === 1 ? link.getAttribute('data-text-one') : link.getAttribute('data-text-other').replace('{count}', String(newThreads));
    notice.hidden = false;
  }

  function handle(message) {
    if (message.topic !== topic) return;
    if (message.type === 'reset') return location.reload();
    if (typeof message.cursor === 'number' && message.type !== 'subscribed') cursor = Math.max(cursor, message.cursor);
    if (message.type === 'post.created') insertPost(message.post);
    else if (message.post && /^post\./.test(message.type)) replacePost(message.post);
    else if (message.type === 'thread.created') showNewThreads();
    else if (message.type === 'meeting.changed') replaceMeeting(message.html);
    else if (message.type === 'thanks.changed') updateThanks(message);
    else if (message.type === 'answer.changed') changeAnswer(message);
    else if (message.type === 'offer.changed') replaceOffer(message.html);
  }

  function connect() {
    socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
    socket.addEventListener('open', function () {
      delay = 1000;
      socket.send(JSON.stringify({ type: 'subscribe', topic: topic, since: cursor }));
      pinger = setInterval(function () {
        socket.send(JSON.stringify({ type: 'ping' }));
      }, 25000);
    });
    socket.addEventListener('message', function (event) {
      try {
        handle(JSON.parse(event.data));
      } catch {
        // A message we cannot read is skipped; the next one may be fine.
      }
    });
    socket.addEventListener('close', function (event) {
      clearInterval(pinger);
      // The session this page was loaded with ended (signed out, password changed): the page as it is now.
      if (event.code === SESSION_ENDED) return location.reload();
      // Told off for breaking the protocol's rules: trying again would only break them again.
      if (event.code === POLICY || event.code === TOO_BIG) return;
      setTimeout(connect, delay + Math.random() * delay);
      delay = Math.min(delay * 2, 30000);
    });
  }

  connect();
})();
