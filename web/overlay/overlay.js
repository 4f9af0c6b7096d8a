/*
  C500 Collective: what the OBS overlays share (web/overlay/auction.html, pot.html, show.html,
  queue.html, giveaway.html, groupbuy.html).
  Plain browser JavaScript, no build step: the overlays' one head
  (shared/common/rules/overlay-layout.ts) loads it before the body, so it only defines
  C500Overlay; each page calls C500Overlay.start({...}) with its own rendering. This file
  owns the rest:

  - the id from the URL (?id=…), and the note shown instead of the card when there is
    nothing to show (no id, connecting, a mistyped id, an unknown id, no network yet);
  - polling the JSON one request at a time, with back-off: a 400 (not an id) or 404 (no
    such id) waits 5 s, then 10, 20, 40, 60 s between checks; a network error, timeout or
    5xx keeps the last state on screen with a "reconnecting…" mark and retries after the
    poll interval, then 2×, 4×… up to 30 s. (The browser logs a console error for every
    failed or 4xx request, so a broken overlay must not ask once a second.)
  - the server's clock: countdowns follow `serverTime` from the JSON (plus the CDN's Age),
    not the streaming PC's clock, which may be minutes off;
  - fitting text into its box: fit() picks the largest font size at which an element's
    text is not cut, so prices, names and titles of any length stay whole.
*/
(() => {
  'use strict';

  const pad = (n) => String(n).padStart(2, '0');

  /** `null`/`undefined`/'' -> fallback; anything else as a string. */
  const text = (value, fallback = '') => (value === null || value === undefined || value === '' ? fallback : String(value));

  /** 83 s -> "01:23"; 5,400 s -> "1:30:00". Never negative. */
  function formatRemaining(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  }

  /** A wall-clock time in the streamer's time zone, 24-hour: "21:30"; '' when not a time. */
  function clockTime(iso) {
    const at = new Date(Date.parse(iso));
    return Number.isFinite(at.getTime()) ? `${pad(at.getHours())}:${pad(at.getMinutes())}` : '';
  }

  /**
   * Writes a formatted price into `node`: "99,999,999 JPY" as the number with the code in
   * small letters after it (a span of class `code`), "$1,450.00" as it is.
   */
  function setMoney(node, money) {
    const match = /^(.*\d)\s+([A-Z]{3})$/.exec(money);
    if (!match) {
      node.textContent = money;
      return;
    }
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = ` ${match[2]}`; // the space at the code's size, not the number's
    node.replaceChildren(match[1], code);
  }

  /** Restarts a CSS animation that a class runs. */
  function restartAnimation(node, className) {
    node.classList.remove(className);
    void node.offsetWidth;
    node.classList.add(className);
  }

  /**
   * Sets the largest font size, in whole pixels from `max` down to `min`, at which `el`'s
   * content fits its box: no wider than its width, no taller than its height and than
   * `lines` lines. With `oneLineDownTo`, one line at that size or more is preferred to
   * more lines at a larger size (a short headline stays on one line and leaves room). The
   * element's width (and height, when `lines` is not what limits it) must come from the
   * layout, not from its text. Words break only when even `min` leaves one wider than the
   * box. Answers the size chosen.
   */
  function fit(el, { max, min, lines = 1, lineHeight = 1.15, oneLineDownTo }) {
    el.style.lineHeight = String(lineHeight);
    el.style.overflowWrap = 'normal';
    el.style.paddingBottom = '';
    const paddingBottom = parseFloat(getComputedStyle(el).paddingBottom) || 0;
    // Nunito's letters reach 1.37 line-heights down from a line's top; a tighter line leaves
    // the descenders hanging below the box, which counts as cut: room for them underneath.
    const hang = Math.max(0, (1.38 - lineHeight) / 2);
    el.style.paddingBottom = `calc(${paddingBottom}px + ${hang}em)`;
    const range = document.createRange();
    range.selectNodeContents(el);
    const fits = (size, most) => {
      el.style.fontSize = `${size}px`;
      // The text's own height: n lines are n − 1 line-heights plus one line's letters.
      const textHeight = range.getBoundingClientRect().height;
      return el.scrollWidth <= el.clientWidth + 0.5 && el.scrollHeight <= el.clientHeight + 0.5 && textHeight <= ((most - 1) * lineHeight + 1.45) * size;
    };
    // The largest size in [low, high] that fits on `most` lines, or null.
    const largest = (low, high, most) => {
      let best = null;
      while (low <= high) {
        const mid = Math.floor((low + high) / 2);
        if (fits(mid, most)) {
          best = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      return best;
    };
    let size = lines > 1 && oneLineDownTo ? largest(Math.max(min, oneLineDownTo), max, 1) : null;
    if (size === null) size = largest(min, max, lines);
    if (size === null) {
      // Even the smallest size leaves a word wider than the box: let it break anywhere.
      el.style.overflowWrap = 'anywhere';
      size = min;
    }
    el.style.fontSize = `${size}px`;
    return size;
  }

  /** `el` shown only when its text fits on one line beside its neighbours; answers whether it shows. */
  function showIfFits(el) {
    el.hidden = false;
    if (el.scrollWidth > el.clientWidth + 0.5) el.hidden = true;
    return !el.hidden;
  }

  /**
   * The lot's clock in its slot (the auction and show overlays; `el` holds card, clock and
   * slotLabel). `show` writes one tick: the time, what the slot says, and the card's going
   * and final-call marks; the clock is refitted only when its text changes length (10:00 to
   * 9:59), since fitting every tick would measure the page four times a second for nothing.
   * `fit` refits it after the card's layout changed; `fitPriceAndClock` fits the whole lot
   * (`el` holds leadTop, bids, price and stamp too): the bid count gives way to the reserve
   * badge when both do not fit, the price takes one line, then the clock while it counts
   * down, or the stamp once it stopped.
   */
  function lotClock(el) {
    let length = 0;
    const fitClock = () => {
      fit(el.clock, { max: 36, min: 16, lines: 1, lineHeight: 1.05 });
      length = el.clock.textContent.length;
    };
    const show = ({ text, label, going, inFinalCall }) => {
      el.clock.textContent = text;
      el.slotLabel.textContent = label;
      el.card.classList.toggle('going', going);
      el.card.classList.toggle('final-call', inFinalCall);
      if (el.clock.textContent.length !== length && !el.card.hidden) fitClock();
    };
    const fitPriceAndClock = ({ counting, priceMax }) => {
      if (!el.bids.hidden && el.leadTop.scrollWidth > el.leadTop.clientWidth + 0.5) el.bids.hidden = true;
      fit(el.price, { max: priceMax, min: 16, lines: 1, lineHeight: 1.05 });
      if (counting) fitClock();
      else fit(el.stamp, { max: 28, min: 12, lines: 1, lineHeight: 1.15 });
    };
    return { fit: fitClock, show, fitPriceAndClock };
  }

  /** Back-off with ±10% jitter, so overlays that failed together do not retry together. */
  const backoff = (attempt, firstMs, capMs) => Math.min(capMs, firstMs * 2 ** attempt) * (0.9 + Math.random() * 0.2);

  /**
   * The notes a streamer sees when the overlay's URL is wrong, made from what its source names:
   *   params     query parameters that may carry the id, first wins: ['id', 'auction']
   *   thing      what the id names: 'auction'
   *   id         what the id is: 'auction id'
   *   where      where to find it, if anywhere: 'the id is in the auction’s Discord post'
   *   notFound   the note for an id C500 does not know, when not "No such <thing>"
   */
  function sourceMessages(source) {
    const param = source.params[0];
    const where = source.where ? ` (${source.where})` : '';
    const check = `check the ?${param}= in the overlay URL${where}.`;
    return {
      missingId: `Add ?${param}=<${source.id}> to the overlay URL${where}.`,
      connecting: `Connecting to the ${source.thing}…`,
      malformed: `That isn’t ${/^[aeiou]/i.test(source.id) ? 'an' : 'a'} ${source.id}: ${check}`,
      notFound: `${source.notFound || `No such ${source.thing}`}: ${check}`,
      offline: 'Can’t reach C500 yet: reconnecting…',
    };
  }

  /**
   * Runs an overlay. Options:
   *   source       where the overlay reads from: its id's `params`, `url(id)` the JSON's path, and
   *                the names sourceMessages makes its notes from
   *   pollMs       { default, min }: `?poll=` within these
   *   every(data, pollMs)  ms until the next poll after a good answer (default: pollMs)
   *   card         the card (the note shown instead is #note, which every overlay's head
   *                writes, and the "reconnecting…" mark is #conn)
   *   render(data, serverNowMs)  draws a good answer (the card is shown first)
   *   tick(data, serverNowMs)    redraws a clock, if the overlay has one: every 250 ms and after each render
   *   relayout()                 refits text after fonts load, the page is resized or the mark shows
   *   forget()                   drops what the page kept of the last state (after a 400/404)
   */
  function start(options) {
    const params = new URLSearchParams(location.search);
    const { source } = options;
    const id = (source.params.map((name) => params.get(name)).find((value) => value && value.trim()) || '').trim();
    const pollMs = Math.max(options.pollMs.min, Number(params.get('poll')) || options.pollMs.default);
    const requestTimeoutMs = Math.max(5000, pollMs * 4);
    const { card } = options;
    const note = document.getElementById('note');
    const conn = document.getElementById('conn');
    const messages = sourceMessages(source);

    let state = null; // the last good answer
    let offsetMs = 0; // the server's clock minus ours
    let failures = 0; // network errors in a row
    let refusals = 0; // 400s and 404s in a row

    const guard = (fn) => {
      try {
        fn();
      } catch (error) {
        // Never break the overlay over one bad draw; the next poll draws again.
        console.warn('C500 overlay:', error);
      }
    };

    function showNote(message, small) {
      card.hidden = true;
      note.textContent = message;
      note.classList.toggle('small', Boolean(small));
      note.hidden = false;
    }

    function tick() {
      if (state && options.tick) options.tick(state, Date.now() + offsetMs);
    }

    // The "reconnecting…" mark goes with the card: without a card the note says it.
    function setOnline(online) {
      const hidden = online || !state;
      if (conn.hidden === hidden) return;
      conn.hidden = hidden;
      if (state && options.relayout) guard(options.relayout); // the mark may take room in the card
    }

    function show(data) {
      state = data;
      note.hidden = true;
      card.hidden = false;
      options.render(data, Date.now() + offsetMs);
      tick();
    }

    async function poll() {
      const started = Date.now();
      let delay = pollMs;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), requestTimeoutMs);
      try {
        const res = await fetch(source.url(id), { cache: 'no-store', headers: { accept: 'application/json' }, signal: controller.signal });
        if (res.status === 400 || res.status === 404) {
          // The id in the URL is wrong: say so, and check again less and less often.
          failures = 0;
          delay = backoff(refusals++, 5000, 60000);
          state = null;
          if (options.forget) guard(options.forget);
          conn.hidden = true;
          showNote(res.status === 400 ? messages.malformed : messages.notFound);
        } else if (!res.ok) {
          throw new Error(`answered ${res.status}`);
        } else {
          const data = await res.json();
          if (!data || typeof data !== 'object') throw new Error('not a board');
          const received = Date.now();
          const serverTime = Date.parse(data.serverTime);
          // A CDN copy is `Age` seconds older than its serverTime says; the answer was written mid-request.
          const age = Math.min(60, Math.max(0, Number(res.headers.get('age')) || 0));
          if (Number.isFinite(serverTime)) offsetMs = serverTime + age * 1000 - (started + received) / 2;
          failures = 0;
          refusals = 0;
          setOnline(true);
          guard(() => show(data));
          delay = options.every ? options.every(data, pollMs) : pollMs;
        }
      } catch {
        // Network error, timeout, 5xx or bad JSON: keep showing the last state, retry a little later each time.
        delay = backoff(failures++, pollMs, Math.max(30000, pollMs));
        setOnline(false);
        if (!state) showNote(messages.offline, true);
      } finally {
        clearTimeout(timer);
        // Chained, not setInterval: the next request starts only after this one settled.
        setTimeout(poll, Math.max(0, delay - (Date.now() - started)));
      }
    }

    if (!id) {
      showNote(messages.missingId);
      return;
    }
    showNote(messages.connecting, true);
    setInterval(() => guard(tick), 250);
    if (options.relayout) {
      const relayout = () => {
        if (state) guard(options.relayout);
      };
      // The shipped font may arrive after the first draw, and its letters are wider or narrower.
      if (document.fonts) {
        document.fonts.ready.then(relayout);
        document.fonts.addEventListener('loadingdone', relayout);
      }
      window.addEventListener('resize', relayout);
    }
    poll();
  }

  /**
   * A live lot's countdown (auction.html, and show.html's live lot): open bidding down to its
   * stated end, then the sealed final call down to its own end, while the price and leader stay
   * those shown when it began (the server keeps them so). The page is drawn into the stream,
   * which viewers see `streamDelaySeconds` late: the final call's zero comes that much early, so
   * a viewer that far behind sees it as bidding really closes, never time left after it.
   * `guardMs` brings every zero that much earlier still. Nothing says "hammer!": the result
   * comes from the server, the same moment on every screen.
   */
  function lotCountdown(lot, nowMs, guardMs = 0) {
    const endsAt = Date.parse(lot.endsAt);
    const finalCallEndsAt = Date.parse(lot.finalCallEndsAt) - (Number(lot.streamDelaySeconds) || 0) * 1000;
    const inFinalCall = lot.phase === 'final-call' || endsAt - nowMs - guardMs <= 0;
    const remainingMs = (inFinalCall && Number.isFinite(finalCallEndsAt) ? finalCallEndsAt : endsAt) - nowMs - guardMs;
    // How long the whole final call lasts, said on screen: a viewer knows how long they have to bid blind.
    const seconds = Number(lot.finalCallSeconds);
    const sealedLabel = Number.isFinite(seconds) && seconds > 0 ? `final call · ${seconds}s sealed` : 'final call · bids sealed';
    return { inFinalCall, remainingMs, finalCallLabel: remainingMs <= 0 ? 'final call over: result next' : sealedLabel };
  }

  window.C500Overlay = { start, fit, lotClock, showIfFits, formatRemaining, clockTime, setMoney, restartAnimation, text, lotCountdown };
})();
