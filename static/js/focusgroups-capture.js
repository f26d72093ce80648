// Capture of a focus group: each answer is saved as the facilitator types (debounced POST per
// question), and a copy is kept in localStorage until the server confirmed it, so that closing
// the browser mid-capture loses nothing: the copy is restored and sent on the next visit.
(() => {
  "use strict";
  const root = document.getElementById("fg-capture");
  if (!root) return;
  const DELAY = 700;
  const RETRY = 5000;
  const globalStatus = document.getElementById("fg-global-status");
  const prefix = `fg-capture:${root.dataset.user}:${root.dataset.session}:`;
  const pending = new Map(); // question id -> timer
  const inflight = new Set();
  const failed = new Set();

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function store(key, data) {
    try {
      if (data === null) localStorage.removeItem(prefix + key);
      else localStorage.setItem(prefix + key, JSON.stringify(data));
    } catch (e) {
      /* private mode or quota: the server save still happens */
    }
  }

  function stored(key) {
    try {
      return JSON.parse(localStorage.getItem(prefix + key) || "null");
    } catch (e) {
      return null;
    }
  }

  function read(block) {
    const kind = block.dataset.kind;
    const inputs = Array.from(block.querySelectorAll("[data-fg-value]"));
    let value;
    if (kind === "text" || kind === "number") value = inputs[0].value;
    else if (kind === "multiple") value = inputs.filter((i) => i.checked).map((i) => i.value);
    else value = (inputs.find((i) => i.checked) || { value: "" }).value;
    const notes = block.querySelector("[data-fg-notes]").value;
    return { value, notes };
  }

  function write(block, data) {
    const kind = block.dataset.kind;
    const inputs = Array.from(block.querySelectorAll("[data-fg-value]"));
    if (kind === "text" || kind === "number") inputs[0].value = data.value ?? "";
    else {
      const values = Array.isArray(data.value) ? data.value.map(String) : [String(data.value ?? "")];
      inputs.forEach((i) => (i.checked = values.includes(i.value)));
    }
    block.querySelector("[data-fg-notes]").value = data.notes ?? "";
  }

  function setStatus(block, text, isError) {
    const el = block.querySelector("[data-fg-status]");
    el.textContent = text;
    el.classList.toggle("text-danger", !!isError);
    block.querySelectorAll("[data-fg-value]").forEach((i) => {
      if (i.type === "text" || i.tagName === "TEXTAREA") i.classList.toggle("is-invalid", !!isError);
    });
  }

  function refreshGlobal() {
    let key = "fgSaved";
    if (failed.size) key = "fgError";
    else if (pending.size || inflight.size) key = "fgPending";
    globalStatus.textContent = globalStatus.dataset[key];
    globalStatus.classList.toggle("text-danger", key === "fgError");
  }

  // Saves go one at a time, in the order they were asked for: the server sees the answers in the
  // order they were typed, and a small database is never asked for several writes at once.
  let queue = Promise.resolve();
  function save(block, options = {}) {
    if (options.keepalive) return send(block, options); // the page is going away: no time to wait
    queue = queue.then(() => send(block, options));
    return queue;
  }

  async function send(block, { keepalive = false } = {}) {
    const id = block.dataset.fgQuestion;
    clearTimeout(pending.get(id));
    pending.delete(id);
    const data = read(block);
    const stamp = Date.now();
    store(id, { ...data, t: stamp });
    inflight.add(id);
    refreshGlobal();
    setStatus(block, root.dataset.msgSaving, false);
    try {
      const response = await fetch(block.dataset.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), Accept: "application/json" },
        body: JSON.stringify(data),
        credentials: "same-origin",
        keepalive,
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        const copy = stored(id);
        if (copy && copy.t === stamp) store(id, null); // nothing typed since: the server has it all
        failed.delete(id);
        setStatus(block, `${root.dataset.msgSaved} ${body.saved_label || ""}`, false);
      } else if (response.status === 400 && body.error) {
        failed.add(id); // a value the server refuses: kept on the page and on the device
        setStatus(block, body.error, true);
      } else if (response.status === 403 || response.status === 404) {
        failed.add(id); // no longer editable (submitted meanwhile, or logged out): no point retrying
        setStatus(block, root.dataset.msgLocked, true);
      } else {
        throw new Error(String(response.status));
      }
    } catch (e) {
      failed.delete(id);
      setStatus(block, root.dataset.msgOffline, false);
      pending.set(id, setTimeout(() => save(block), RETRY));
    } finally {
      inflight.delete(id);
      refreshGlobal();
    }
  }

  function changed(block) {
    const id = block.dataset.fgQuestion;
    store(id, { ...read(block), t: Date.now() });
    clearTimeout(pending.get(id));
    pending.set(id, setTimeout(() => save(block), DELAY));
    refreshGlobal();
  }

  root.querySelectorAll("[data-fg-question]").forEach((block) => {
    block.querySelectorAll("[data-fg-value], [data-fg-notes]").forEach((el) => {
      el.addEventListener("input", () => changed(block));
      el.addEventListener("change", () => changed(block));
    });
    block.querySelectorAll("[data-fg-clear]").forEach((button) => {
      button.addEventListener("click", () => {
        block.querySelectorAll("[data-fg-value]").forEach((i) => (i.checked = false));
        changed(block);
      });
    });
    const copy = stored(block.dataset.fgQuestion);
    if (copy) {
      // What was typed on this device and never confirmed by the server wins over the page.
      write(block, copy);
      setStatus(block, root.dataset.msgRestored, false);
      save(block);
    }
  });

  // Leaving the page: send what is still waiting (the local copy stays until confirmed).
  window.addEventListener("pagehide", () => {
    Array.from(pending.keys()).forEach((id) => {
      const block = root.querySelector(`[data-fg-question="${id}"]`);
      if (block) save(block, { keepalive: true });
    });
  });
})();
