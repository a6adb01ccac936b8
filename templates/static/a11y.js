/* 无障碍工具栏: text size, colour schemes, line spacing, large pointer, reading guide, 关怀版, speech.
   Same-origin, no network use; settings persist in localStorage and are applied early by a11y-init.js. */
(function () {
  "use strict";
  var KEY = "sb-a11y";
  var SETTINGS = ["font", "theme", "spacing", "cursor", "guide", "elder", "speech", "toolbar"];
  var root = document.documentElement;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(state) {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: settings last for this page */ }
  }
  function apply(state) {
    SETTINGS.forEach(function (key) {
      if (state[key]) { root.setAttribute("data-" + key, state[key]); } else { root.removeAttribute("data-" + key); }
    });
    var buttons = document.querySelectorAll("[data-a11y]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], key = b.getAttribute("data-a11y"), value = b.getAttribute("data-value") || "";
      if (b.hasAttribute("aria-pressed")) {
        var current = state[key] || "";
        b.setAttribute("aria-pressed", String(current === value));
      }
    }
    var speechOn = state.speech === "on";
    var speechButtons = document.querySelectorAll("[data-speech]");
    for (var j = 0; j < speechButtons.length; j++) { speechButtons[j].disabled = !speechOn; }
  }

  function onReady(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
  }

  onReady(function () {
    var state = load();
    var toolbar = document.getElementById("a11y-toolbar");
    var toggle = document.getElementById("a11y-toggle");
    var link = document.getElementById("a11y-entry");
    var status = document.getElementById("a11y-status");
    var elderSwitch = document.getElementById("elder-switch");
    if (!toolbar || !toggle) { return; }
    toggle.hidden = false;
    if (elderSwitch) { elderSwitch.hidden = false; }
    if (link) { link.hidden = true; }

    function say(message) { if (status) { status.textContent = message; } }
    function setOpen(open, focusToggle) {
      toolbar.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) { state.toolbar = "open"; } else { delete state.toolbar; }
      save(state);
      if (!open && focusToggle) { toggle.focus(); }
    }
    setOpen(state.toolbar === "open", false);
    apply(state);

    toggle.addEventListener("click", function () { setOpen(toolbar.hidden, false); });
    toolbar.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); setOpen(false, true); }
    });

    function choose(key, value) {
      if (!value || value === "off") { delete state[key]; } else { state[key] = value; }
      if (key === "speech" && state.speech !== "on") { speech.stop(); }
      save(state);
      apply(state);
    }

    toolbar.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("button") : null;
      if (!target || !toolbar.contains(target)) { return; }
      var key = target.getAttribute("data-a11y");
      var action = target.getAttribute("data-tool") || target.getAttribute("data-speech");
      if (key) {
        var value = target.getAttribute("data-value") || "";
        var toggleOnly = target.hasAttribute("data-toggle");
        if (toggleOnly && state[key] === value) { value = ""; }
        choose(key, value);
        say(target.getAttribute("data-said") || "");
      } else if (action === "reset") {
        var keepOpen = state.toolbar;
        speech.stop();
        state = keepOpen ? { toolbar: keepOpen } : {};
        save(state);
        apply(state);
        say("已恢复默认设置");
      } else if (action === "close") {
        setOpen(false, true);
      } else if (action === "read-all") { speech.readAll(); }
      else if (action === "read-selection") { speech.readSelection(); }
      else if (action === "pause") { speech.pause(); }
      else if (action === "resume") { speech.resume(); }
      else if (action === "stop") { speech.stop(); say("已停止朗读"); }
    });

    if (elderSwitch) {
      elderSwitch.addEventListener("click", function () {
        choose("elder", state.elder === "on" ? "" : "on");
        elderSwitch.setAttribute("aria-pressed", String(state.elder === "on"));
        say(state.elder === "on" ? "已进入关怀版" : "已退出关怀版");
      });
      elderSwitch.setAttribute("aria-pressed", String(state.elder === "on"));
    }

    // reading guide line follows the pointer
    var guide = document.getElementById("a11y-guide");
    document.addEventListener("mousemove", function (event) {
      if (guide && root.getAttribute("data-guide") === "on") { guide.style.top = (event.clientY + 12) + "px"; }
    });

    var speech = makeSpeech(say);
  });

  function makeSpeech(say) {
    var synth = window.speechSynthesis;
    var queue = [];
    var current = null;
    var marked = null;

    function blocks() {
      // The article (its title, then its body) when there is one; otherwise the page's main content.
      var title = document.getElementById("article-title");
      var body = document.getElementById("article-body");
      var scopes = body ? [title, body] : [document.getElementById("main")];
      var out = [];
      scopes.forEach(function (scope) {
        if (!scope) { return; }
        var nodes = scope.matches("h1, h2, h3, h4, h5, h6, p") ? [scope] :
          scope.querySelectorAll("h1, h2, h3, h4, h5, h6, p, li, caption, th, td, dt, dd");
        for (var i = 0; i < nodes.length; i++) {
          var node = nodes[i];
          if (node.closest(".a11y-toolbar, .visually-hidden, [hidden]")) { continue; }
          if (node.querySelector("p, li, h1, h2, h3, h4, h5, h6, table")) { continue; }
          var text = (node.textContent || "").replace(/\s+/g, " ").trim();
          if (text) { out.push({ node: node, text: text }); }
        }
      });
      return out;
    }
    function zhVoice() {
      var voices = synth.getVoices ? synth.getVoices() : [];
      for (var i = 0; i < voices.length; i++) {
        if (/^zh(-|_)?(CN|Hans)?/i.test(voices[i].lang)) { return voices[i]; }
      }
      return null;
    }
    var lastRange = null;
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection ? window.getSelection() : null;
      if (selection && !selection.isCollapsed && selection.rangeCount) {
        var range = selection.getRangeAt(0);
        var toolbar = document.getElementById("a11y-toolbar");
        if (!toolbar || !toolbar.contains(range.startContainer)) { lastRange = range.cloneRange(); }
      }
    });
    function unmark() { if (marked) { marked.classList.remove("reading"); marked = null; } }
    function next() {
      unmark();
      if (!queue.length) { current = null; say("朗读结束"); return; }
      var item = queue.shift();
      var utterance = new window.SpeechSynthesisUtterance(item.text);
      utterance.lang = "zh-CN";
      var voice = zhVoice();
      if (voice) { try { utterance.voice = voice; } catch (e) { /* keep the default voice */ } }
      utterance.onend = function () { if (current === utterance) { next(); } };
      utterance.onerror = function () { if (current === utterance) { next(); } };
      current = utterance;
      if (item.node) { marked = item.node; marked.classList.add("reading"); }
      synth.speak(utterance);
    }
    function start(items) {
      if (!synth || !window.SpeechSynthesisUtterance) { say("当前浏览器不支持语音朗读，请使用读屏软件或更换浏览器"); return; }
      synth.cancel();
      queue = items;
      if (!queue.length) { say("没有可朗读的内容"); return; }
      whenVoicesKnown(function (voices) {
        if (!voices.length) {
          queue = [];
          say("未检测到可用的语音，无法朗读。请在系统中安装中文语音包，或使用读屏软件");
          return;
        }
        say(zhVoice() ? "正在朗读" : "未找到中文语音，正在使用默认语音朗读");
        next();
      });
    }
    function whenVoicesKnown(callback) {
      // Some browsers load their voices only after the first request; give them a moment.
      var voices = synth.getVoices ? synth.getVoices() : [];
      if (voices.length) { callback(voices); return; }
      var done = false;
      function finish() {
        if (done) { return; }
        done = true;
        callback(synth.getVoices ? synth.getVoices() : []);
      }
      if (synth.addEventListener) { synth.addEventListener("voiceschanged", finish); }
      window.setTimeout(finish, 1000);
    }
    return {
      readAll: function () { start(blocks()); },
      readSelection: function () {
        var selection = window.getSelection ? window.getSelection() : null;
        var range = selection && !selection.isCollapsed && selection.rangeCount ? selection.getRangeAt(0) : lastRange;
        if (!range) { say("请先用鼠标选中要开始朗读的文字"); return; }
        var all = blocks();
        for (var i = 0; i < all.length; i++) {
          if (all[i].node.contains(range.startContainer)) {
            var rest = document.createRange();
            rest.setStart(range.startContainer, range.startOffset);
            rest.setEndAfter(all[i].node.lastChild || all[i].node);
            var first = { node: all[i].node, text: rest.toString().replace(/\s+/g, " ").trim() };
            start([first].concat(all.slice(i + 1)));
            return;
          }
        }
        start([{ node: null, text: range.toString() }]);
      },
      pause: function () { if (synth && current) { synth.pause(); say("已暂停"); } },
      resume: function () { if (synth && current) { synth.resume(); say("继续朗读"); } },
      stop: function () { queue = []; current = null; unmark(); if (synth) { synth.cancel(); } }
    };
  }
})();
