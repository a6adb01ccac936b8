/* 站内检索: queries the static index under search/ (built by site_builder.search). Same-origin only.
   Every query term must occur; a run of 2+ Chinese characters must occur as that exact sequence;
   traditional and simplified forms match both ways; full-width = half-width; Latin letters ignore case. */
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var root = document.getElementById("search-app");
  if (!root || !window.fetch || !window.TextEncoder) { return; }
  var base = root.getAttribute("data-base") || "";
  var nojs = document.getElementById("search-nojs");
  var statusEl = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pager = document.getElementById("search-pages");
  if (nojs) { nojs.hidden = true; }
  var encoder = new TextEncoder();
  var cache = {};

  function fetchOnce(path, kind, parse) {  // kind: "json" or "arrayBuffer"
    if (!cache[path]) {
      cache[path] = fetch(base + path, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(path); }
        return r[kind]();
      }).then(parse || function (value) { return value; });
    }
    return cache[path];
  }
  function getJSON(path) { return fetchOnce(path, "json"); }
  function getShard(segment, n) { return fetchOnce("search/s/" + segment + "/" + n + ".bin", "arrayBuffer", parseShard); }
  function getExternal(segment, n) {
    return fetchOnce("search/s/" + segment + "/x/" + n + ".bin", "arrayBuffer", function (buffer) { return new Uint8Array(buffer); });
  }
  function readVarint(bytes, state) {  // most are one byte: the hot loops of decoding read through here
    var b = bytes[state.i++];
    if (b < 0x80) { return b; }
    var value = b & 0x7f, mul = 128;
    do { b = bytes[state.i++]; value += (b & 0x7f) * mul; mul *= 128; } while (b >= 0x80);
    return value;
  }
  function parseShard(buffer) {
    var bytes = new Uint8Array(buffer), terms = new Map(), state = { i: 4 }, decoder = new TextDecoder();
    while (state.i < bytes.length) {
      var tlen = readVarint(bytes, state);
      var term = decoder.decode(bytes.subarray(state.i, state.i + tlen));
      state.i += tlen;
      var plen = readVarint(bytes, state);
      terms.set(term, bytes.subarray(state.i, state.i + plen));
      state.i += plen;
    }
    return terms;
  }
  function termHash(text) {
    var bytes = encoder.encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b) >>> 0; h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;  // FNV-1a, then MurmurHash3's finaliser (see term_hash in encode.py)
  }
  // A term's postings, flat and sorted by document: docs[k], tf[k], title[k] (1 if in the title) and, for
  // positional terms, pos[start[k] .. start[k + 1]). Flat arrays and merge joins instead of a Map and an
  // array per document: a common phrase has postings in every document.
  // A head's lists also have after[s]: the two characters after the trigram at pos[s] (fewer where the text ends),
  // and listed[k] 1 when the document's positions there are of every text that follows the trigram in it.
  function postings() { return { docs: [], tf: [], title: [], start: [], pos: [], after: [], listed: [] }; }
  function decode(bytes, first, out) {
    // kind 3 (a trigram's head): the texts after its positions, then doc → count, stored * 2 + listed, the first
    // position of each of the first few texts after it (two characters) and those texts; kind 0: doc → tf * 2 + title.
    // Documents are numbered from the segment's first, and segments are decoded in order, so out stays sorted.
    var state = { i: 1 }, kind = bytes[0], doc = first - 1, pos = out.pos, texts = [""];
    if (kind === 3) {
      for (var c = readVarint(bytes, state); c > 0; c--) {
        var text = "";
        for (var l = readVarint(bytes, state); l > 0; l--) { text += String.fromCodePoint(readVarint(bytes, state)); }
        texts.push(text);
      }
    }
    var n = readVarint(bytes, state);
    for (var k = 0; k < n; k++) {
      doc += readVarint(bytes, state) + 1;
      out.docs.push(doc);
      if (kind === 3) {
        var count = readVarint(bytes, state), packed = readVarint(bytes, state), p = -1, stored = packed >> 1;
        out.start.push(pos.length);
        out.tf.push(count);
        out.listed.push(packed & 1);
        for (var j = 0; j < stored; j++) { p += readVarint(bytes, state) + 1; pos.push(p); }
        for (j = 0; j < stored; j++) { out.after.push(texts[readVarint(bytes, state)]); }
      } else {
        var value = readVarint(bytes, state);
        out.tf.push(Math.floor(value / 2));
        out.title.push(value % 2);
      }
    }
    return out;
  }
  function finish(list) { list.start.push(list.pos.length); return list; }

  var foldMap = null;
  var laterSegments = 0;  // segments whose pairs the last search fetched after the heads
  var tailSegments = 0;  // segments whose parts' tails it fetched (documents the parts' heads left undecided)
  var tailsEver = 0;  // the same, over every search of this page (tests)
  var plansUsed = [];  // how each phrase was decided (data-plans, for tests and the benchmark)
  var forcedPlan = window.sbSearchPlan || null;  // tests: "pairs", "cover", "cover-middle", "cover-wide", "heads", "heads-window", "window-first", "window-last", "window-longer"
  function norm(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) { ch = text.substr(i, 2); i++; }
      var n = ch.normalize("NFKC");
      n = n.length === 1 ? n.toLowerCase() : (ch.length === 1 ? ch.toLowerCase() : ch);
      out += (foldMap && foldMap.get(n)) || n;
    }
    return out;
  }
  function isCJK(ch) { return /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(ch); }
  function isWord(ch) { return /[a-z0-9]/.test(ch); }
  function segments(n) {
    var segs = [], i = 0;
    while (i < n.length) {
      var ch = n.charAt(i), j = i;
      if (isCJK(ch)) { while (j < n.length && isCJK(n.charAt(j))) { j++; } segs.push({ kind: "cjk", text: n.slice(i, j) }); }
      else if (isWord(ch)) { while (j < n.length && isWord(n.charAt(j))) { j++; } segs.push({ kind: "word", text: n.slice(i, j) }); }
      else { j = i + 1; }
      i = j;
    }
    return segs;
  }
  // A trigram's head and pairs (^) share the trigram's shard.
  function family(term) {
    return term.length > 3 && term.charAt(3) === "^" && isCJK(term.charAt(0)) ? term.substr(0, 3) : term;
  }
  function shardEntries(term, meta, only) {
    // a term's raw shard entry in each segment (null where it has none), from one shard of each segment
    // (segments hold consecutive documents, oldest first), or only of the segments in `only`
    var hash = termHash(family(term));
    return Promise.all(meta.segments.map(function (seg, number) {
      return !only || only[number] ? getShard(number, hash % seg[2]) : null;
    })).then(function (shards) {
      return shards.map(function (shard) { return (shard && shard.get(term)) || null; });
    });
  }
  // bytes an entry costs to fetch: a big term's entry (kind 2) names its own file and that file's size
  function entrySize(raw) {
    if (!raw) { return 0; }
    if (raw[0] !== 2) { return raw.length; }
    var state = { i: 1 };
    readVarint(raw, state);
    return readVarint(raw, state);
  }
  // a raw entry of segment `number`, or for a big term the contents of its own file
  function resolved(raw, number) { return raw && raw[0] === 2 ? getExternal(number, readVarint(raw, { i: 1 })) : raw; }
  function resolve(raws) { return Promise.all(raws.map(resolved)); }
  function entries(term, meta, only) { return shardEntries(term, meta, only).then(resolve); }
  function lookup(term, meta, only) {
    return entries(term, meta, only).then(function (found) {
      var out = postings();
      found.forEach(function (bytes, number) {
        if (bytes) { decode(bytes, meta.segments[number][0], out); }
      });
      return finish(out);
    });
  }
  // the documents where one segment of a term occurs (a run of Chinese characters, or a word)
  function matchSegment(seg, meta) {
    if (seg.kind === "word" || seg.text.length <= 2) {  // characters, bigrams and words: counts, no positions
      return lookup(seg.text, meta).then(function (list) { list.start = null; list.pos = null; return list; });
    }
    var text = seg.text;
    // In the heads, trigrams at offsets 0, 5, 10 … each with the two characters after it, and if need be the
    // last trigram, cover the phrase: ABC+DE at p, FGH+IJ at p+5 … means ABCDEFGHIJ… at p. (Windows are weighed
    // at the trigrams at 0, 3, 6 … and len-3, whose shards are fetched for the other plans anyway.)
    var offsets = [], trigrams = [];
    for (var i = 0; i + 3 < text.length; i += 5) { offsets.push(i); }
    if (!offsets.length || offsets[offsets.length - 1] + 5 < text.length) { offsets.push(text.length - 3); }
    for (i = 0; i + 3 <= text.length; i += 3) { trigrams.push(i); }
    if (trigrams[trigrams.length - 1] !== text.length - 3) { trigrams.push(text.length - 3); }
    var grams = offsets.map(function (o) { return text.substr(o, 3); });
    if (text.length < 4) { return byHeads(text, offsets, grams, meta, null); }
    // A phrase of 4–9 characters can be decided from one trigram and the text on either side of it (a window),
    // one of 6+ characters from its 6-grams (pairs). The heads decide most documents for less, but where they
    // cannot, a segment's pairs follow; the longer the phrase, the likelier (each further trigram must line up
    // within the first occurrences too, taken as an even chance).
    // Sizes come from the shard entries (all of a trigram's keys share its shard; a big entry's pointer
    // carries its file's size).
    // From 10 characters on, three trigrams must line up in the heads, which they seldom do: the 6-grams are
    // taken without weighing the heads (nor fetching the shards that would tell their size).
    var pairAt = text.length >= 6 ? pairOffsets(text) : [], windows = windowOffsets(text, trigrams.concat(pairAt));
    var forced = forcedPlan;
    if (/^window/.test(forced || "") ? !windows.length : /^(pairs|cover)/.test(forced || "") && !pairAt.length) { forced = null; }
    if (forced === "heads-window" && !windows.length) { forced = "heads"; }
    var weigh = /^heads/.test(forced || "") || text.length <= 9;
    return Promise.all([
      Promise.all(grams.map(function (g) { return weigh ? shardEntries(g, meta) : []; })),
      Promise.all(pairAt.map(function (o) { return pairCost(text, o, meta, null); })),
      Promise.all(windows.map(function (o) { return windowEntries(text, o, meta); }))
    ]).then(function (found) {
      var costs = found[1];
      var chosen = forced === "pairs" ? pairAt : forced === "cover" ? mostDropped(pairAt, 0)
        : forced === "cover-middle" ? mostDropped(pairAt, 1) : cheapestCover(text, pairAt, costs);
      var pairs = pairAt.length ? chosen.reduce(function (sum, o) { return sum + costs[pairAt.indexOf(o)]; }, 0) : Infinity;
      // an expensive cover may cost less from 6-grams at other offsets: their trigrams' shards tell
      var wider = (!forced && pairs > WIDEN_BYTES) || forced === "cover-wide" ? text.length - 5 > pairAt.length : false;
      return Promise.resolve(wider && everyPair(text, meta)).then(function (every) {
        if (every && forced === "cover-wide") {  // tests: 6-grams away from offsets 0, 3, 6 … wherever they cover
          every.costs = every.costs.map(function (c, o) { return pairAt.indexOf(o) < 0 ? 1 : 1000; });
          pairs = Infinity;
        }
        if (every) {
          var cover = cheapestCover(text, every.offsets, every.costs);
          var size = cover.reduce(function (sum, o) { return sum + every.costs[o]; }, 0);
          if (size < pairs) { chosen = cover; pairs = size; }
        }
        return choose(found, chosen, pairs);
      });
    });
    function choose(found, chosen, pairs, widened) {  // widened: how many windows were added to those first weighed
      var sizes = found[2].map(cost);
      var best = forced === "window-first" ? 0 : forced === "window-last" ? sizes.length - 1
        : forced === "window-longer" ? (widened ? windows.length - widened : sizes.length - 1) : sizes.indexOf(Math.min.apply(null, sizes));
      var windowSize = sizes.length ? sizes[best] : Infinity;
      // The heads miss a phrase when it is not among the first occurrences of a trigram: likelier the more
      // often a trigram occurs beyond the phrase, as a whole trigram's pairs (a window with fewer than 3
      // characters after it) tell: the rarest's size over the commonest's is about the share that is the phrase's.
      var whole = sizes.filter(function (size, m) { return windows[m] + 6 > text.length; });
      var share = whole.length > 1 ? Math.min.apply(null, whole) / Math.max(1, Math.max.apply(null, whole)) : 1;
      // Each further trigram must line up too: taken as a 3 in 4 chance (measured at 10,000 reports, 319 sampled
      // phrases: an even chance made the heads, bigger with the characters after them, lose to windows 2–3
      // times their size).
      var undecided = 1 - Math.pow(0.75, grams.length - 1) * share;
      var heads = weigh ? cost(found[0]) + Math.min(windowSize, pairs) * undecided : Infinity;
      // Windows at the trigrams between those fetched for the heads (rarer than the phrase's ends, often) are
      // weighed when every plan so far is dear: their shards cost ~150 bytes a segment. (Tests: "window-longer"
      // takes the first of them.)
      var extra = windowOffsets(text, null).filter(function (o) { return windows.indexOf(o) < 0; });
      if (!widened && extra.length && (forced === "window-longer" || (!forced && Math.min(windowSize, heads, pairs) > WIDEN_BYTES))) {
        return Promise.all(extra.map(function (o) { return windowEntries(text, o, meta); })).then(function (more) {
          windows = windows.concat(extra);
          found[2] = found[2].concat(more);
          return choose(found, chosen, pairs, extra.length);
        });
      }
      var plan = /^(cover|pairs)/.test(forced || "") ? "pairs" : /^(window|heads)/.test(forced || "") ? forced.replace(/-.*/, "")
        : windowSize <= Math.min(heads, pairs) ? "window" : heads < pairs ? "heads" : "pairs";
      plansUsed.push(plan);
      if (plan === "window") { return windowExactly(text, windows[best], meta, null); }
      if (plan === "pairs") { return decideByPairs(text, meta, null, chosen); }
      var then = forced === "heads" ? (pairAt.length ? "pairs" : "window") : forced === "heads-window" ? "window" : "cheaper";
      return byHeads(text, offsets, grams, meta, then);
    }
  }
  var WIDEN_BYTES = 192 * 1024;
  // the cost of the 6-gram at every offset (costs[o])
  function everyPair(text, meta) {
    var offsets = [];
    for (var o = 0; o + 6 <= text.length; o++) { offsets.push(o); }
    return Promise.all(offsets.map(function (o) { return pairCost(text, o, meta, null); })).then(function (costs) {
      return { offsets: offsets, costs: costs };
    });
  }
  // What the 6-gram at o is expected to cost: its parts' heads, and half their tails. The tails follow in a
  // segment where a report without the phrase has a truncated record, which cannot be told before: seldom for a
  // phrase in nearly every report, in every segment for one missing from a few in each (measured at 10,000
  // reports: 安全法学习宣, in 9,056, fetched 169 KB of heads and then 180 KB of tails, raw, where the heads of its
  // trigrams and a window for the reports they left undecided cost 183 KB compressed in all; counted at nothing,
  // the tails made the 6-gram look the cheaper plan).
  var TAIL_WEIGHT = 0.5;
  function pairCost(text, o, meta, only) {
    return pairEntries(text, o, meta, only, true).then(function (perSegment) {
      var sum = 0;
      perSegment.forEach(function (raws) {
        raws.forEach(function (raw) { sum += entrySize(raw) * (raw.tail ? TAIL_WEIGHT : 1); });
      });
      return sum;
    });
  }
  // bytes the raw entries cost, in arrays nested however deep (per term, per segment)
  function cost(raws) {
    return raws.reduce(function (sum, raw) { return sum + (Array.isArray(raw) ? cost(raw) : entrySize(raw)); }, 0);
  }
  // First from the heads (each trigram's first positions in each document); a document they cannot decide (no
  // aligned hit, but a trigram has more positions than its head holds) is decided by a window or the 6-grams
  // (`then`: "window", "pairs" or "cheaper") of its segment.
  function byHeads(text, offsets, grams, meta, then) {
    return Promise.all(grams.map(function (g) { return lookup(g, meta); })).then(function (heads) {
      var found = alignAll(heads, offsets, text, meta), undecided = found.undecided;
      if (!undecided.length) { return found.out; }
      var only = segmentsOf(undecided, meta);
      var pairAt = text.length >= 6 ? pairOffsets(text) : [], windows = windowOffsets(text, null);
      return Promise.all([
        Promise.all(pairAt.map(function (o) { return then === "window" ? 0 : pairCost(text, o, meta, only); })),
        Promise.all(windows.map(function (o) { return then === "pairs" ? [] : windowEntries(text, o, meta, only); }))
      ]).then(function (sizes) {
        var pairs = pairAt.length && then !== "window" ? sizes[0].reduce(function (sum, c) { return sum + c; }, 0) : Infinity;
        var best = -1, least = Infinity;
        sizes[1].forEach(function (perSegment, m) {
          var size = then === "pairs" ? Infinity : cost(perSegment);
          if (size < least) { least = size; best = m; }
        });
        plansUsed.push(least <= pairs ? "heads+window" : "heads+pairs");
        laterSegments += Object.keys(only).length;
        var exact = least <= pairs ? windowExactly(text, windows[best], meta, only)
          : byPairs(text, pairAt, meta, only).then(function (result) { return result.out; });
        return exact.then(function (out) { return union(found.out, restrict(out, undecided)); });
      });
    });
  }
  // 6-grams at offsets 0, 3, 6 … and len-6 cover the phrase, each overlapping the next by 3+ characters
  function pairOffsets(text) {
    var at = [];
    for (var o = 0; o + 6 <= text.length; o += 3) { at.push(o); }
    if (at[at.length - 1] !== text.length - 6) { at.push(text.length - 6); }
    return at;
  }
  // the raw entries, in each segment, of the pairs of the trigram at o that can hold its follower at o + 3 and
  // the phrase's text before it (see pairRaws; `full`: with the tails of big parts)
  function pairEntries(text, o, meta, only, full) {
    return pairRaws(text.substr(o, 3), text.substr(o + 3, 3), textBefore(text, o), meta, only, full);
  }
  // the phrase's text before offset o that a trigram's predecessor there must end with (up to 3 characters)
  function textBefore(text, o) { return text.substr(Math.max(0, o - 3), Math.min(o, 3)); }
  // per segment, the contents of its raw entries (a big one's own file)
  function resolveAll(perSegment) {
    return Promise.all(perSegment.map(function (raws, number) {
      return Promise.all(raws.map(function (raw) { return resolved(raw, number); }));
    }));
  }
  // Per segment, the raw entries of a trigram's pairs that hold its occurrences followed by `follower` (a
  // trigram; "" for any) after text ending with `before` ("" for any): the whole entry when the trigram's pairs
  // are not split; else the follower's bucket, or every bucket; of a bucket split into parts, the part of the
  // follower and the last character before (and the part of linked records with different ones), or every part.
  // A big part is a head (each document's first positions) and a tail (the rest): `full` fetches both.
  function pairRaws(trigram, follower, before, meta, only, full) {
    var keys = [trigram + "^"], part = null;
    if (follower) {
      keys.push(trigram + "^" + (termHash(follower) % meta.buckets).toString(16));
      if (before) { part = termHash(follower + before.charAt(before.length - 1)) % meta.buckets; }
    } else {
      for (var b = 0; b < meta.buckets; b++) { keys.push(keys[0] + b.toString(16)); }
      keys.push(keys[0] + "_");  // occurrences with less than a trigram after them (at a run's end)
    }
    return Promise.all(keys.map(function (key) { return shardEntries(key, meta, only); })).then(function (found) {
      return meta.segments.map(function (seg, number) {
        var out = [];
        found.forEach(function (raws) { if (raws[number]) { parts(raws[number], part, meta.buckets, out, full); } });
        return out;
      });
    });
  }
  // a raw entry, or for a bucket split into parts (kind 6: first file, part count, then part, size and tail size
  // of each; a tail is the file after its head) pointers (kind 2) to the files of the wanted part (null: all) and
  // of the mixed part (number meta.buckets), with their tails when `full` (marked .tail, for pairCost)
  function parts(raw, wanted, mixed, out, full) {
    if (raw[0] !== 6) { out.push(raw); return; }
    var state = { i: 1 }, file = readVarint(raw, state), count = readVarint(raw, state);
    for (var k = 0; k < count; k++, file++) {
      var part = readVarint(raw, state), size = readVarint(raw, state), tail = readVarint(raw, state);
      var take = wanted === null || part === wanted || part === mixed;
      if (take) { out.push(pointer(file, size)); }
      if (tail) {
        file++;
        if (take && full) {
          var rest = pointer(file, tail);
          rest.tail = true;
          out.push(rest);
        }
      }
    }
  }
  function pointer(file, size) {
    var bytes = [2];
    [file, size].forEach(function (value) {
      while (value >= 0x80) { bytes.push((value % 0x80) | 0x80); value = Math.floor(value / 0x80); }
      bytes.push(value);
    });
    return new Uint8Array(bytes);
  }
  // documents with the 6-gram at o (kind 5): linked[k] 1 when the trigram and its follower only ever occur
  // together in the document, 2 when the trigram is always followed by it but the follower also occurs alone
  // (then tf[k] is the trigram's count and pos its first place), else 0 and the positions where it
  // is followed by the wanted trigram and preceded by the phrase's text before it (the trigram, or before
  // offset 3 what there is). A segment's records may be in several entries (parts of a bucket). partial[k] 1:
  // the document's positions came from a part's head only (not `full`), so there may be more.
  function pairList(text, o, meta, only, full) {
    var want = text.substr(o + 3, 3), before = textBefore(text, o);
    return pairEntries(text, o, meta, only, full).then(resolveAll).then(function (perSegment) {
      var out = pairListOf();
      perSegment.forEach(function (entries, number) {
        var first = meta.segments[number][0];
        if (entries.length === 1) { decodePairs(entries[0], first, want, before, out, full); return; }
        var lists = entries.map(function (bytes) {
          var one = pairListOf();
          decodePairs(bytes, first, want, before, one, full);
          one.start.push(one.pos.length);
          return one;
        }).filter(function (one) { return one.docs.length; });
        if (lists.length === 1) { appendPairList(lists[0], out); } else { mergePairLists(lists, out); }
      });
      out.start.push(out.pos.length);
      return out;
    });
  }
  function byNumber(x, y) { return x - y; }
  function pairListOf() { return { docs: [], linked: [], tf: [], start: [], pos: [], partial: [] }; }
  // the documents of one pair list after those of `out` (a later segment's)
  function appendPairList(list, out) {
    var shift = out.pos.length;
    for (var k = 0; k < list.docs.length; k++) {
      out.docs.push(list.docs[k]); out.linked.push(list.linked[k]); out.tf.push(list.tf[k]); out.partial.push(list.partial[k]);
      out.start.push(list.start[k] + shift);
    }
    for (var s = 0; s < list.pos.length; s++) { out.pos.push(list.pos[s]); }
  }
  // The documents of several pair lists of one segment (the buckets or parts of a trigram's pairs, each in
  // document order, start[] closed with the end of pos), merged in order into `out`: where a document is in more
  // than one, its counts summed and its positions sorted (a linked record is in one list only). A merge of sorted
  // lists, not a map of documents: a common phrase's lists hold every document of the segment.
  function mergePairLists(lists, out) {
    var at = lists.map(function () { return 0; }), m;
    for (;;) {
      var doc = Infinity;
      for (m = 0; m < lists.length; m++) { if (at[m] < lists[m].docs.length && lists[m].docs[at[m]] < doc) { doc = lists[m].docs[at[m]]; } }
      if (doc === Infinity) { return; }
      var from = out.pos.length, tf = 0, linked = 0, partial = 0, sources = 0;
      for (m = 0; m < lists.length; m++) {
        var list = lists[m], k = at[m];
        if (k >= list.docs.length || list.docs[k] !== doc) { continue; }
        tf += list.tf[k]; linked = linked || list.linked[k]; partial = partial || list.partial[k]; sources++;
        for (var s = list.start[k]; s < list.start[k + 1]; s++) { out.pos.push(list.pos[s]); }
        at[m]++;
      }
      if (sources > 1) {
        var sorted = out.pos.slice(from).sort(byNumber);
        for (var j = 0; j < sorted.length; j++) { out.pos[from + j] = sorted[j]; }
      }
      out.docs.push(doc); out.linked.push(linked); out.tf.push(tf); out.start.push(from); out.partial.push(partial);
    }
  }
  // the texts an entry of pairs names, and its records; `visit(doc, linked, places, after, preds, onlyFollowed,
  // suffix, count)` for each document: linked records give [first position], their count and their one
  // follower and predecessor (-1 when the trigram has different ones), and onlyFollowed 1 when the follower also
  // occurs without the trigram before it; followers and predecessors are text numbers + 1 (0: nothing, at a
  // run's edge); other records their positions and `count`, which in a part's head (kind 7: then how many
  // positions a document keeps) may be more than there are positions (the others are in the part's tail).
  function readPairs(bytes, first, visit) {
    var state = { i: 1 }, keep = bytes[0] === 7 ? readVarint(bytes, state) : Infinity;
    var same = readVarint(bytes, state), names = readVarint(bytes, state), texts = [];
    var decoder = new TextDecoder();
    for (var n = 0; n < names; n++) {
      var size = readVarint(bytes, state);
      texts.push(decoder.decode(bytes.subarray(state.i, state.i + size)));
      state.i += size;
    }
    // The arrays handed to `visit` are reused for the next document (copy what is kept): an entry of a common
    // 6-gram holds tens of thousands of positions.
    return {
      texts: texts,
      each: function () {
        var small = names < 16;
        function next() { return readVarint(bytes, state); }
        function column(values, n) {  // n numbers: varints, or two to a byte (low half first) when `small`
          for (var j = 0; j < n; j++) { values[j] = !small ? next() : j % 2 ? bytes[state.i++] >> 4 : bytes[state.i] & 15; }
          if (small && n % 2) { state.i++; }
        }
        var docs = next(), doc = first - 1, places = [], after = [], preds = [], one = [0], oneAfter = [0], onePred = [0];
        for (var k = 0; k < docs; k++) {
          doc += next() + 1;
          var count = next();
          if (count === 0) {  // linked
            var follows = next();
            oneAfter[0] = Math.floor(follows / 2) + 1;
            var total = next();
            one[0] = next();
            var pred = next();  // 0: different ones (-1 here), 1: none, else number * 2 + 2 (+ 1: what they end with)
            onePred[0] = pred < 2 ? pred - 1 : ((pred - 2) >> 1) + 1;
            visit(doc, total, one, oneAfter, onePred, follows % 2, pred >= 2 && (pred - 2) % 2 === 1);
            continue;
          }
          var stored = Math.min(count, keep);
          places.length = after.length = preds.length = stored;
          for (var j = 0, p = -1; j < stored; j++) { p += next() + 1; places[j] = p; }
          if (same) { for (j = 0; j < stored; j++) { after[j] = same; } } else { column(after, stored); }
          column(preds, stored);
          visit(doc, 0, places, after, preds, 0, false, count);
        }
      }
    };
  }
  // A document whose record in a part's head is truncated is listed even without a position that fits (partial:
  // its part's tail may hold one), unless `full` (the tail is among the entries). Its count, for ranking: where
  // every position there fits, the record's whole count (a bound: the others may be other 6-grams of the part).
  function decodePairs(bytes, first, want, before, out, full) {
    var wanted = -1, okBefore = null;
    var entry = readPairs(bytes, first, function (doc, linked, places, after, preds, onlyFollowed, suffix, count) {
      if (linked) {  // a linked record's one predecessor must be the wanted one too (unless it has several)
        if (after[0] === wanted && linkedBefore(entry.texts, preds[0], suffix, before, okBefore) !== 0) {
          out.docs.push(doc); out.linked.push(onlyFollowed ? 2 : 1); out.tf.push(linked); out.start.push(out.pos.length); out.pos.push(places[0]);
          out.partial.push(0);
        }
        return;
      }
      var from = out.pos.length, partial = count > places.length && !full ? 1 : 0;
      for (var j = 0; j < places.length; j++) {
        if (after[j] === wanted && okBefore[preds[j]]) { out.pos.push(places[j]); }
      }
      var fits = out.pos.length - from;
      if (fits || partial) {
        out.docs.push(doc); out.linked.push(0); out.tf.push(partial && fits === places.length ? count : fits); out.start.push(from);
        out.partial.push(partial);
      }
    });
    wanted = entry.texts.indexOf(want) + 1 || -1;  // -1: named nowhere in the entry (0 is "nothing after")
    okBefore = endingWith(entry.texts, before);
    if (wanted > 0 || (bytes[0] === 7 && !full)) { entry.each(); }
  }
  // Whether the occurrences of a linked record have `before` before them: 1 all, 0 none, -1 unknown (its
  // predecessors differ: `suffix` says `pred` is what they all end with, -1 that nothing is known)
  function linkedBefore(texts, pred, suffix, before, okBefore) {
    if (pred < 0) { return before ? -1 : 1; }
    if (okBefore[pred]) { return 1; }
    var end = texts[pred - 1];  // what they end with: unknown when the phrase has more before, ending so
    return suffix && before.length > end.length && before.slice(before.length - end.length) === end ? -1 : 0;
  }
  // which text numbers (number + 1; 0: nothing before, at a run's start) end with `before`
  function endingWith(texts, before) {
    return [before === ""].concat(texts.map(function (t) { return t.length >= before.length && t.slice(t.length - before.length) === before; }));
  }
  // Phrases of 4–9 characters from one of their trigrams (at o, 0 ≤ o ≤ 3): every occurrence is recorded with
  // up to 3 characters after it and before it (fewer at a run's edge), so the phrase is where the text after
  // starts with the rest of the phrase and the text before ends with its start. Exact, and it costs what that
  // trigram's pairs cost: the follower's bucket when the phrase names all 3 characters after it, else all.
  // (`fetched`: only those offsets, whose shards the heads fetch anyway; null: every offset)
  function windowOffsets(text, fetched) {
    var out = [];
    if (text.length < 4 || text.length > 9) { return out; }
    for (var o = Math.max(0, text.length - 6); o <= Math.min(3, text.length - 3); o++) {
      if (!fetched || fetched.indexOf(o) >= 0) { out.push(o); }
    }
    return out;
  }
  function windowEntries(text, o, meta, only) {  // a window needs every occurrence: parts with their tails
    if (o + 6 <= text.length) { return pairEntries(text, o, meta, only, true); }
    return pairRaws(text.substr(o, 3), "", text.substr(0, o), meta, only, true);
  }
  // A linked record whose trigram has different predecessors cannot check the text before it: its document is
  // undecided. There that trigram is always followed by one trigram F, so the phrase is wherever the phrase up
  // to the trigram, then F, is (6–9 characters, exact from its 6-grams, each in one bucket): per F, that costs
  // a bucket where the window at 0 (or the phrase's 6-grams) cost every bucket of a common trigram; the cheaper
  // is taken (学习宣传国 in 10,000 synthetic reports: 1,355 KB from the window at 0).
  function windowExactly(text, o, meta, only) {
    return byWindow(text, o, meta, only).then(function (first) {
      if (!first.undecided.length) { return first.out; }
      var rest = segmentsOf(first.undecided, meta), groups = {};
      first.undecided.forEach(function (doc) {
        var longer = text.substr(0, o + 3) + first.followers[doc];
        var group = groups[longer] = groups[longer] || { docs: [], only: {} };
        group.docs.push(doc);
        group.only[segmentOf(doc, meta)] = true;
      });
      var longer = Object.keys(groups), short = text.length <= 6;  // short: the window at 0 decides them all
      function entriesOf(t, at, where) { return Promise.all(at.map(function (o2) { return pairEntries(t, o2, meta, where); })); }
      return Promise.all([
        short ? windowEntries(text, 0, meta, rest) : entriesOf(text, pairOffsets(text), rest),
        Promise.all(longer.map(function (t) { return entriesOf(t, pairOffsets(t), groups[t].only); }))
      ]).then(function (sizes) {
        var extend = forcedPlan === "window-longer" || (forcedPlan !== "window-last" && cost(sizes[1]) < cost(sizes[0]));
        var exact = extend ? Promise.all(longer.map(function (t) {
          return byPairs(t, pairOffsets(t), meta, groups[t].only).then(function (full) { return restrict(full.out, groups[t].docs); });
        })).then(function (outs) { return outs.reduce(union); })
          : (short ? byWindow(text, 0, meta, rest) : byPairs(text, pairOffsets(text), meta, rest)).then(function (full) { return full.out; });
        return exact.then(function (full) { return union(first.out, restrict(full, first.undecided)); });
      });
    });
  }
  function byWindow(text, o, meta, only) {
    var after = text.substr(o + 3, 3), before = text.substr(0, o), out = postings(), undecided = [], followers = {};
    var mine = [];  // a document's hits, reused for the next (add and the lists copy them)
    return windowEntries(text, o, meta, only).then(resolveAll).then(function (perSegment) {
      perSegment.forEach(function (raws, number) {
        // one entry: its documents come in order; several (every bucket): a document's positions may be in any,
        // so each entry's hits are a list of their own, merged after
        var lists = [];
        raws.forEach(function (bytes) {
          var okAfter, okBefore, hits = raws.length > 1 ? pairListOf() : null;
          if (hits) { lists.push(hits); }
          var entry = readPairs(bytes, meta.segments[number][0], function (doc, linked, places, follows, preds, onlyFollowed, suffix) {
            mine.length = 0;
            if (linked) {
              var known = okAfter[follows[0]] ? linkedBefore(entry.texts, preds[0], suffix, before, okBefore) : 0;
              if (known < 0) {
                undecided.push(doc);
                followers[doc] = entry.texts[follows[0] - 1];  // a linked record's follower is a whole trigram
              }
              if (known <= 0) { return; }
              mine.push(places[0] - o);
            } else {
              for (var j = 0; j < places.length; j++) {
                if (okAfter[follows[j]] && okBefore[preds[j]]) { mine.push(places[j] - o); }
              }
            }
            if (!mine.length) { return; }
            if (!hits) { add(out, doc, linked || mine.length, mine, meta); return; }
            hits.docs.push(doc); hits.linked.push(0); hits.tf.push(linked || mine.length); hits.partial.push(0);
            hits.start.push(hits.pos.length);
            for (var s = 0; s < mine.length; s++) { hits.pos.push(mine[s]); }
          });
          okAfter = [after === ""].concat(entry.texts.map(function (t) { return t.slice(0, after.length) === after; }));
          okBefore = endingWith(entry.texts, before);
          entry.each();
          if (hits) { hits.start.push(hits.pos.length); }
        });
        if (!lists.length) { return; }
        var merged = pairListOf();
        mergePairLists(lists, merged);
        merged.start.push(merged.pos.length);
        for (var k = 0; k < merged.docs.length; k++) {
          add(out, merged.docs[k], merged.tf[k], merged.pos.slice(merged.start[k], merged.start[k + 1]), meta);
        }
      });
      return { out: finish(out), undecided: undecided.sort(byNumber), followers: followers };
    });
  }
  // The phrase from some of its 6-grams (those at `pairAt`, a subset of pairOffsets), exactly. A 6-gram with
  // positions at o checks the text before it too, so it stands for the 9 characters from o - 3 (from 0 before
  // offset 3); all such must agree on where the phrase starts. A linked 6-gram holds wherever a checked stretch
  // holds its first trigram (then it is followed as the phrase says) or, linked both ways, its last (then it is
  // preceded so). A document whose checked stretches do not reach across the whole phrase is undecided; with
  // every 6-gram of pairOffsets none is (each stretch holds the next one's first trigram). All linked: the
  // phrase is wherever its first trigram is (when the 6-gram at 0 is among them). Parts' heads first (`full`
  // false): a document with no hit where a head held only its first positions is decided by its segment's tails.
  function byPairs(text, pairAt, meta, only, full) {
    return Promise.all(pairAt.map(function (o) { return pairList(text, o, meta, only, full); })).then(function (lists) {
      var out = postings(), undecided = [], unknown = [];
      // the stretch of the phrase each 6-gram checks in a document: [from[m], to[m]), from[m] -1 where none (yet)
      var count = lists.length, from = new Int32Array(count), to = new Int32Array(count), m;
      for (m = 0; m < count; m++) { from[m] = Math.max(0, pairAt[m] - 3); to[m] = pairAt[m] + 6; }
      var coversAll = reachEnd(from, to) >= text.length;  // when no 6-gram of a document is linked
      var hits = [], next = [];  // the positions that fit so far, and the next 6-gram's: reused for every document
      join(lists, function (doc, at) {
        var linked = false, partial = false, least = Infinity, none = true;
        for (m = 0; m < count; m++) {
          var list = lists[m], k = at[m];
          if (list.linked[k]) { from[m] = -1; linked = true; continue; }
          partial = partial || list.partial[k] === 1;
          least = Math.min(least, list.tf[k]);
          shifted(none ? null : hits, list.pos, list.start[k], list.start[k + 1], pairAt[m], next);
          var swap = hits; hits = next; next = swap;
          none = false;
          if (!hits.length) {
            if (partial) { unknown.push(doc); }
            return;
          }
          from[m] = Math.max(0, pairAt[m] - 3); to[m] = pairAt[m] + 6;
        }
        var tf = none ? 0 : partial ? Math.max(hits.length, least) : hits.length;  // partial: bound by the rarest
        if (!linked) {
          if (coversAll) { add(out, doc, tf, hits, meta); } else { undecided.push(doc); }
          return;
        }
        if (none) {  // all linked: the 6-gram at 0 holds wherever its first trigram is; the rest must chain on
          if (pairAt[0] !== 0) { undecided.push(doc); return; }
          from[0] = 0; to[0] = 6;
        }
        for (var grew = true; grew;) {  // linked 6-grams next to checked stretches
          grew = false;
          for (m = 0; m < count; m++) {
            if (from[m] >= 0) { continue; }
            var o2 = pairAt[m], both = lists[m].linked[at[m]] === 1;  // else only its first trigram implies the 6-gram
            for (var r = 0; r < count; r++) {
              if (from[r] >= 0 && ((from[r] <= o2 && o2 + 3 <= to[r]) || (both && from[r] <= o2 + 3 && o2 + 6 <= to[r]))) {
                from[m] = o2; to[m] = o2 + 6; grew = true;
                break;
              }
            }
          }
        }
        for (m = 0; m < count; m++) { if (from[m] < 0) { undecided.push(doc); return; } }
        if (reachEnd(from, to) < text.length) { undecided.push(doc); return; }
        if (none) { next.length = 1; next[0] = lists[0].pos[lists[0].start[at[0]]]; add(out, doc, lists[0].tf[at[0]], next, meta); return; }
        add(out, doc, tf, hits, meta);
      });
      var result = { out: finish(out), undecided: undecided };
      if (!unknown.length) { return result; }
      var rest = segmentsOf(unknown, meta);
      tailSegments += Object.keys(rest).length;
      tailsEver += Object.keys(rest).length;
      return byPairs(text, pairAt, meta, rest, true).then(function (whole) {
        var asked = new Set(unknown);
        return { out: union(result.out, restrict(whole.out, unknown)),
          undecided: undecided.concat(whole.undecided.filter(function (doc) { return asked.has(doc); })).sort(byNumber) };
      });
    });
  }
  function add(out, doc, tf, hits, meta) {
    out.docs.push(doc); out.tf.push(tf); out.start.push(out.pos.length);
    for (var j = 0; j < hits.length; j++) { out.pos.push(hits[j]); }
    out.title.push(hits[0] < meta.docs[doc][3] ? 1 : 0);
  }
  // The cheapest 6-grams (of those at `offsets`, costing costs[m] each) whose checked stretches cover the
  // phrase: from o, a 6-gram checks [o - 3, o + 6) (the trigram before it too) or, before 3, [0, o + 6).
  function cheapestCover(text, offsets, costs) {
    var best = [0], from = [], e;
    if (!offsets.length) { return []; }
    for (e = 1; e <= text.length; e++) { best[e] = Infinity; }
    offsets.forEach(function (o, m) {  // in order of o, so of where each stretch ends
      var end = o + 6;
      for (e = Math.max(0, o - 3); e < end; e++) {
        if (best[e] + costs[m] < best[end]) { best[end] = best[e] + costs[m]; from[end] = [e, o]; }
      }
    });
    var out = [];
    for (e = text.length; e > 0; e = from[e][0]) { out.unshift(from[e][1]); }
    return out;
  }
  // tests: every 6-gram that may be left out is, counting from the first or (`from` 1) from the second
  function mostDropped(pairAt, from) {
    var out = [];
    for (var m = 0; m < pairAt.length; m++) {
      if (m >= from && m + 1 < pairAt.length && pairAt[m + 1] === pairAt[m] + 3) { out.push(pairAt[m + 1]); m++; } else { out.push(pairAt[m]); }
    }
    return out;
  }
  // pairs of the phrase: the chosen ones (offsets), then every 6-gram of pairOffsets for the documents those
  // leave undecided
  function decideByPairs(text, meta, only, chosen) {
    var pairAt = pairOffsets(text);
    return byPairs(text, chosen, meta, only).then(function (first) {
      if (!first.undecided.length) { return first.out; }
      return byPairs(text, pairAt, meta, segmentsOf(first.undecided, meta)).then(function (full) {
        return union(first.out, restrict(full.out, first.undecided));
      });
    });
  }
  // how far stretches [from[m], to[m]) reach from 0 without a gap (from[m] -1: no stretch); per document, so
  // without sorting: a few stretches, scanned until none reaches further
  function reachEnd(from, to) {
    var end = 0;
    for (var grew = true; grew;) {
      grew = false;
      for (var m = 0; m < from.length; m++) {
        if (from[m] >= 0 && from[m] <= end && to[m] > end) { end = to[m]; grew = true; }
      }
    }
    return end;
  }
  // positions pos[from … to) less o, kept only where also in `hits` (all of them when hits is null), into `out`
  function shifted(hits, pos, from, to, o, out) {
    out.length = 0;
    if (hits === null) {
      for (var j = from; j < to; j++) { out.push(pos[j] - o); }
      return;
    }
    for (var i = 0, j2 = from; i < hits.length && j2 < to;) {
      var value = pos[j2] - o;
      if (hits[i] === value) { out.push(value); i++; j2++; } else if (hits[i] < value) { i++; } else { j2++; }
    }
  }
  // a postings list with only the given (sorted) documents
  function restrict(list, docs) {
    var out = postings(), d = 0;
    for (var k = 0; k < list.docs.length; k++) {
      while (d < docs.length && docs[d] < list.docs[k]) { d++; }
      if (docs[d] === list.docs[k]) { take(out, list, k); }
    }
    return finish(out);
  }
  // the segments holding these documents, as an `only` (segment number → true)
  function segmentsOf(docs, meta) {
    var only = {};
    docs.forEach(function (doc) { only[segmentOf(doc, meta)] = true; });
    return only;
  }
  function segmentOf(doc, meta) {  // segments in order of their first document
    var low = 0, high = meta.segments.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (meta.segments[mid][0] <= doc) { low = mid; } else { high = mid - 1; }
    }
    return low;
  }
  // hits of a phrase: documents where every trigram lines up (trigram m at p + offsets[m], followed by the
  // phrase's next characters, up to two), and the documents the lists cannot decide (no hit, some trigram has
  // more positions than the list holds, and none lists every text after it without the phrase's)
  function alignAll(lists, offsets, text, meta) {
    var out = postings(), undecided = [], first = lists[0];
    var next = offsets.map(function (o) { return text.substr(o + 3, 2); });  // "": the phrase ends with the trigram
    var cursor = lists.map(function () { return 0; });
    join(lists, function (doc, at) {
      var k = at[0], m, from = out.pos.length, complete = true, least = Infinity;
      for (m = 0; m < lists.length; m++) { cursor[m] = lists[m].start[at[m]]; }
      for (m = 0; m < lists.length; m++) {
        complete = complete && lists[m].start[at[m] + 1] - cursor[m] === lists[m].tf[at[m]];
        least = Math.min(least, lists[m].tf[at[m]]);
      }
      for (var s = first.start[k]; s < first.start[k + 1]; s++) {
        var p = first.pos[s], hit = follows(first.after[s], next[0]);
        for (m = 1; m < lists.length && hit; m++) {  // sorted positions: each cursor only moves forward
          var list = lists[m], want = p + offsets[m], end = list.start[at[m] + 1];
          while (cursor[m] < end && list.pos[cursor[m]] < want) { cursor[m]++; }
          hit = cursor[m] < end && list.pos[cursor[m]] === want && follows(list.after[cursor[m]], next[m]);
        }
        if (hit) { out.pos.push(p); }
      }
      var absent = false;  // a trigram whose every following text is listed, none of them the phrase's
      for (m = 0; m < lists.length && !absent && !complete; m++) {
        var head = lists[m];
        if (!head.listed[at[m]]) { continue; }
        absent = true;
        for (var t = head.start[at[m]]; t < head.start[at[m] + 1] && absent; t++) { absent = !follows(head.after[t], next[m]); }
      }
      if (out.pos.length > from) {
        out.docs.push(doc);
        out.start.push(from);
        // with every position at hand the count is exact; otherwise the rarest trigram's count bounds it
        out.tf.push(complete ? out.pos.length - from : least);
        out.title.push(out.pos[from] < meta.docs[doc][3] ? 1 : 0);
      } else if (!complete && !absent) {
        undecided.push(doc);
      }
    });
    return { out: finish(out), undecided: undecided };
  }
  // whether the text after a trigram's position (two characters, fewer where the text ends) goes on as the
  // phrase does (`want`: the phrase's next characters, up to two)
  function follows(after, want) { return want.length === 2 ? after === want : !want || after.charAt(0) === want; }
  // two postings lists of different documents as one, sorted by document
  function union(a, b) {
    if (!b.docs.length) { return a; }
    var out = postings(), i = 0, j = 0;
    while (i < a.docs.length || j < b.docs.length) {
      if (j >= b.docs.length || (i < a.docs.length && a.docs[i] < b.docs[j])) { take(out, a, i++); } else { take(out, b, j++); }
    }
    return finish(out);
  }
  // document k of a postings list, appended to out
  function take(out, list, k) {
    out.docs.push(list.docs[k]); out.tf.push(list.tf[k]); out.title.push(list.title[k]); out.start.push(out.pos.length);
    for (var s = list.start[k]; s < list.start[k + 1]; s++) { out.pos.push(list.pos[s]); }
  }
  // documents in every list: visit(doc, where), where[m] the document's index in list m (one array, reused:
  // a common phrase is in every document)
  function join(lists, visit) {
    var at = lists.map(function () { return 0; }), where = at.slice(), first = lists[0];
    for (var k = 0; k < first.docs.length; k++) {
      var doc = first.docs[k], ok = true;
      where[0] = k;
      for (var m = 1; m < lists.length && ok; m++) {
        while (at[m] < lists[m].docs.length && lists[m].docs[at[m]] < doc) { at[m]++; }
        ok = lists[m].docs[at[m]] === doc;
        where[m] = at[m];
      }
      if (ok) { visit(doc, where); }
    }
  }
  function positionsOf(list, k) { return list.pos ? list.pos.slice(list.start[k], list.start[k + 1]) : []; }
  function matchTerm(raw, meta) {
    var n = norm(raw);
    var exact = /[\/〔〕\[\]（）()\-_.]/.test(raw) ? lookup("#" + n, meta) : Promise.resolve(postings());
    return exact.then(function (hits) {
      if (hits.docs.length) { hits.start = null; hits.pos = null; hits.title = hits.docs.map(function () { return 0; }); return hits; }
      var segs = segments(n);
      if (!segs.length) { return null; }
      return Promise.all(segs.map(function (s) { return matchSegment(s, meta); })).then(function (lists) {
        if (lists.length === 1) { return lists[0]; }
        var out = postings();  // a term of several segments (2023年): all of them, positions merged
        join(lists, function (doc, at) {
          var tf = 0, title = 1, merged = [];
          at.forEach(function (k, m) { tf += lists[m].tf[k]; title = title && lists[m].title[k]; merged = merged.concat(positionsOf(lists[m], k)); });
          out.docs.push(doc); out.tf.push(tf); out.title.push(title); out.start.push(out.pos.length);
          merged.sort(byNumber).forEach(function (p) { out.pos.push(p); });
        });
        return finish(out);
      });
    });
  }
  function proximity(positionLists) {
    var best = Infinity;
    for (var a = 0; a < positionLists.length; a++) {
      for (var b = a + 1; b < positionLists.length; b++) {
        var x = positionLists[a], y = positionLists[b], i = 0, j = 0;
        while (i < x.length && j < y.length) {
          best = Math.min(best, Math.abs(x[i] - y[j]));
          if (x[i] < y[j]) { i++; } else { j++; }
        }
      }
    }
    return best;
  }
  function search(query, meta) {
    laterSegments = 0;
    tailSegments = 0;
    plansUsed = [];
    var terms = query.split(/[\s\u3000]+/).filter(Boolean);
    if (!terms.length) { return Promise.resolve([]); }
    return Promise.all(terms.map(function (t) { return matchTerm(t, meta); })).then(function (lists) {
      lists = lists.filter(function (m) { return m !== null; });
      if (!lists.length) { return []; }
      var results = [];
      join(lists, function (doc, at) {
        var tf = 0, title = 1, spread = lists.length > 1 ? [] : null;
        for (var m = 0; m < lists.length; m++) {
          var k = at[m];
          tf += lists[m].tf[k];
          title = title && lists[m].title[k];
          if (spread && lists[m].pos) { spread.push(positionsOf(lists[m], k)); }
        }
        var close = spread && spread.length > 1 ? proximity(spread) : Infinity;
        var score = Math.log(1 + tf) + (close < Infinity ? 2 / (1 + Math.log(1 + close)) : 0);
        results.push({ doc: doc, title: title, score: score, day: meta.docs[doc][0] });
      });
      results.sort(function (a, b) {
        return (b.title - a.title) || (b.score - a.score) || (b.day - a.day) || (b.doc - a.doc);
      });
      return results;
    });
  }

  function params() {
    var p = new URLSearchParams(window.location.search);
    return { q: (p.get("q") || "").trim(), col: p.get("col") || "", ag: p.get("ag") || "", year: p.get("year") || "",
             page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1) };
  }
  function pageLink(p, number) {
    var q = new URLSearchParams();
    ["q", "col", "ag", "year"].forEach(function (k) { if (p[k]) { q.set(k, p[k]); } });
    if (number > 1) { q.set("page", String(number)); }
    return "?" + q.toString();
  }
  function say(text) { statusEl.textContent = text; }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function snippetInto(target, url, needles) {
    fetch(base + url, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var body = doc.getElementById("article-body");
      if (body) {  // blocks end with a space, so a heading does not run into the paragraph after it
        Array.prototype.forEach.call(body.querySelectorAll("p, h1, h2, h3, h4, h5, h6, li, td, th, caption, div"),
          function (block) { block.appendChild(doc.createTextNode(" ")); });
      }
      var text = (body ? body.textContent : "").replace(/\s+/g, " ").trim();
      var normalized = norm(text), first = -1;
      needles.forEach(function (n) { var at = normalized.indexOf(n); if (at >= 0 && (first < 0 || at < first)) { first = at; } });
      var start = Math.max(0, (first < 0 ? 0 : first) - 30), end = Math.min(text.length, start + 120);
      var piece = text.slice(start, end), pieceNorm = normalized.slice(start, end), marks = [];
      needles.forEach(function (n) {
        if (!n) { return; }
        var from = 0, at;
        while ((at = pieceNorm.indexOf(n, from)) >= 0) { marks.push([at, at + n.length]); from = at + n.length; }
      });
      marks.sort(function (a, b) { return a[0] - b[0]; });
      var cursor = 0;
      target.textContent = start > 0 ? "……" : "";
      marks.forEach(function (m) {
        if (m[0] < cursor) { return; }
        target.appendChild(document.createTextNode(piece.slice(cursor, m[0])));
        target.appendChild(el("mark", "", piece.slice(m[0], m[1])));
        cursor = m[1];
      });
      target.appendChild(document.createTextNode(piece.slice(cursor) + (end < text.length ? "……" : "")));
    }).catch(function () { target.textContent = ""; });
  }
  function render(p, meta, results) {
    var filtered = results.filter(function (r) {
      var d = meta.docs[r.doc];
      var column = meta.columns[d[1]], agency = meta.agencies[d[2]];
      return (!p.col || column === p.col || column.indexOf(p.col + "/") === 0) && (!p.ag || agency === p.ag) &&
        (!p.year || String(d[4]) === p.year);
    });
    var pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE)), current = Math.min(p.page, pages);
    say(filtered.length ? "找到 " + filtered.length + " 条结果" + (pages > 1 ? "（第 " + current + " 页，共 " + pages + " 页）" : "")
      : "找到 0 条结果。请检查检索词，或减少检索词、去掉筛选条件后再试。");
    list.textContent = "";
    var shown = filtered.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
    var needles = p.q.split(/[\s\u3000]+/).filter(Boolean).map(norm);
    var chunks = {};
    shown.forEach(function (r) { chunks[Math.floor(r.doc / meta.chunk)] = true; });
    var listed = Promise.all(Object.keys(chunks).map(function (k) { return getJSON("search/d/" + k + ".json").then(function (rows) { return [k, rows]; }); }))
      .then(function (loaded) {
        var rowsByChunk = {};
        loaded.forEach(function (pair) { rowsByChunk[pair[0]] = pair[1]; });
        shown.forEach(function (r) {
          var row = rowsByChunk[Math.floor(r.doc / meta.chunk)][r.doc % meta.chunk];
          var item = el("li", "search-result");
          var heading = el("h2", "search-result-title");
          var link = el("a", "", row[1]);
          link.href = base + row[0];
          heading.appendChild(link);
          item.appendChild(heading);
          item.appendChild(el("p", "search-result-meta", row[2] + " · " + row[3] + " · " + row[4]));
          var snippet = el("p", "search-result-snippet");
          item.appendChild(snippet);
          list.appendChild(item);
          snippetInto(snippet, row[0], needles);
        });
      });
    pager.textContent = "";
    pager.hidden = pages <= 1;
    drawPager(p, pages, current);
    return listed;
  }
  function drawPager(p, pages, current) {
    // the first, the last and two either side of the current page, "…" for the rest (as the listings do)
    if (pages > 1) {
      var ul = el("ul"), last = 0;
      for (var n = 1; n <= pages; n++) {
        if (n !== 1 && n !== pages && Math.abs(n - current) > 2) { continue; }
        if (n - last === 2) { addPage(ul, p, n - 1, current); }
        else if (n - last > 2) { var gap = el("li", "pagination-gap", "…"); gap.setAttribute("aria-hidden", "true"); ul.appendChild(gap); }
        addPage(ul, p, n, current);
        last = n;
      }
      ul.appendChild(el("li", "pagination-total", "共 " + pages + " 页"));
      pager.appendChild(ul);
    }
  }
  function addPage(ul, p, n, current) {
    var li = el("li"), a = el("a", "", "第 " + n + " 页");
    a.href = pageLink(p, n);
    if (n === current) { a.setAttribute("aria-current", "page"); }
    li.appendChild(a);
    ul.appendChild(li);
  }

  var p = params();
  [["search-q", p.q], ["search-col", p.col], ["search-ag", p.ag], ["search-year", p.year]].forEach(function (pair) {
    var field = document.getElementById(pair[0]);
    if (field) { field.value = pair[1]; }
  });
  if (!p.q) { say("请输入检索词。多个检索词用空格分开，结果须包含全部检索词。"); return; }
  say("正在检索……");
  Promise.all([getJSON("search/meta.json"), getJSON("search/fold.json")]).then(function (loaded) {
    var meta = loaded[0], pairs = loaded[1], day = 0, epoch = Date.parse(meta.epoch);
    meta.docs = meta.days.map(function (delta, doc) {  // rows: [day, column, agency, title length, year]
      day += delta;
      var year = new Date(epoch + day * 86400000).getUTCFullYear();
      return [day, meta.column[doc], meta.agency[doc], meta.titleLength[doc], year];
    });
    foldMap = new Map();
    var chars = Array.from(pairs);
    for (var i = 0; i + 1 < chars.length; i += 2) { foldMap.set(chars[i], chars[i + 1]); }
    window.sbSearchTails = function () { return tailsEver; };  // tests: whether the tails were needed
    // tests: the titles a query finds, best first, without loading the page again for each query
    window.sbSearch = function (query) {
      return search(query.trim(), meta).then(function (results) {
        return Promise.all(results.map(function (r) {
          return getJSON("search/d/" + Math.floor(r.doc / meta.chunk) + ".json").then(function (rows) { return rows[r.doc % meta.chunk][1]; });
        }));
      });
    };
    var started = performance.now();
    return search(p.q, meta).then(function (results) {
      root.setAttribute("data-query-ms", String(Math.round(performance.now() - started)));
      root.setAttribute("data-later-segments", String(laterSegments));
      root.setAttribute("data-tail-segments", String(tailSegments));
      root.setAttribute("data-plans", plansUsed.join(" "));
      var warm = 0;
      return render(p, meta, results).then(function () {
        // the same query again, its shards now in memory: the time the search itself takes
        warm = performance.now();
        return search(p.q, meta);
      }).then(function () {
        root.setAttribute("data-warm-query-ms", (performance.now() - warm).toFixed(1));
        root.setAttribute("data-ready", "true");
      });
    });
  }).catch(function () {
    say("检索索引暂时无法使用。您可以通过政府信息公开目录按栏目、年份和发布机构查阅全部信息。");
    if (nojs) { nojs.hidden = false; }
    root.setAttribute("data-ready", "true");
  });
})();
