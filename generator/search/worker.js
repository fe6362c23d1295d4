/* process-handbook: Material for MkDocs' search worker, with two changes for Chinese queries.
   Written by `handbook build` under the name of Material's worker (generator/search/worker.py);
   Material's own worker is beside it as material-<name> and does all the searching.

   1. Every word of a Chinese query is searched. Material cuts a run of Chinese characters
      into words of its index (query/segment in Material's sources), but never tries a word
      that ends with the run's last character: 理货报告 is searched as 理货* 报*, 报告 as 报*,
      and a page full of 报表 comes first. A character no page contains (MARK) is added to
      each run that starts with a word of the index, so Material tries every word of the run
      (理货* 报告*); MARK itself is never searched (a run that starts with no word is left as
      it was: Material then searches it whole).
   2. The pages that hold the whole query come first, then the pages that hold all of its
      words, then the rest, each in Material's order (lunr scores words, not phrases).
   3. A result's words are the query's: Material joins a run's words with "* " and then adds
      "*" to every word, so it reports 理货* (not 理货) as missing from every result and
      leaves it out of the page's highlighting; such a word is looked up in the result's text.

   Nothing else changes: messages of another shape pass through untouched. Under the
   iframe-worker shim (offline sites, file://) the worker is a hidden page: its address is
   its script's, and postMessage and importScripts are the shim's. */
(function () {
  "use strict";

  var MARK = "\u2e80";  /* a Han radical form (sc=Han), never in running text */
  var HAN_RUN = /\p{sc=Han}+/gu;
  var SYNTAX = /(?:^|\s)[+-]|[:^~*"]/;  /* lunr query syntax: no phrase to look for */

  var framed = typeof document !== "undefined";
  var own = (framed ? document.querySelector("script[src]").src : self.location.href)
    .split(/[?#]/)[0];
  var slash = own.lastIndexOf("/") + 1;
  var material = own.slice(0, slash) + "material-" + own.slice(slash);

  var index = null;      /* Material's lunr index, once built */
  var pages = null;      /* page address -> its title, text and tags, as plain() gives them */
  var sections = null;   /* address (page#section) -> the same of one search entry */
  var separator = null;  /* the index's word separator (mkdocs.yml search.separator) */
  var phrase = "";       /* the query being searched, as plain() gives it */
  var words = [];        /* the words Material searches for it, as plain() gives them */

  /* Text without markup, word breaks and punctuation, in lower case: a phrase test. */
  function plain(text) {
    return String(text || "").replace(/<[^>]*>/g, "").replace(separator, "").toLowerCase();
  }

  function pageOf(location) {
    return String(location).split("#")[0];
  }

  function setup(data) {
    separator = new RegExp(data.config.separator, "g");
    pages = new Map();
    sections = new Map();
    data.docs.forEach(function (doc) {
      var page = pageOf(doc.location);
      var text = [plain(doc.title), plain(doc.text)].concat((doc.tags || []).map(plain)).join("\n");
      sections.set(doc.location, text);
      pages.set(page, (pages.has(page) ? pages.get(page) + "\n" : "") + text);
    });
    var lunr = self.lunr;
    if (!lunr || lunr.Builder.prototype.handbookBuild) { return; }
    var build = lunr.Builder.prototype.build;
    var search = lunr.Index.prototype.search;
    lunr.Builder.prototype.handbookBuild = build;
    lunr.Builder.prototype.build = function () {
      index = build.apply(this, arguments);
      return index;
    };
    lunr.Index.prototype.search = function (query) {
      words = searched(lunr, this, query);
      return search.apply(this, arguments);
    };
  }

  /* The terms of a lunr query that a result may hold (not the prohibited ones). */
  function searched(lunr, lunrIndex, query) {
    try {
      var parsed = new lunr.Query(lunrIndex.fields);
      new lunr.QueryParser(query, parsed).parse();
      return parsed.clauses
        .filter(function (clause) { return clause.presence !== lunr.Query.presence.PROHIBITED; })
        .map(function (clause) { return plain(clause.term.replace(/^\*+|\*+$/g, "")); })
        .filter(Boolean);
    } catch (error) {
      return [];
    }
  }

  /* The query with MARK after each Chinese run that starts with a word of the index. */
  function marked(query) {
    var known = index.invertedIndex;
    return query.replace(HAN_RUN, function (run) {
      for (var end = 1; end <= run.length; end += 1) {
        if (run.slice(0, end) in known) { return run + MARK; }
      }
      return run;
    });
  }

  function tier(page) {
    var text = pages.get(page) || "";
    if (phrase && text.indexOf(phrase) !== -1) { return 0; }
    var all = words.length > 0 && words.every(function (word) { return text.indexOf(word) !== -1; });
    return all ? 1 : 2;
  }

  /* The result's words without Material's stray "*": whether its entry holds each. */
  function repaired(item) {
    var terms = item.terms;
    if (!terms || typeof terms !== "object") { return item; }
    var text = sections.get(item.location) || "";
    var fixed = {};
    Object.keys(terms).forEach(function (term) {
      var word = term.replace(/\*+$/, "");
      if (word === term) {
        fixed[term] = fixed[term] || terms[term];
      } else if (word) {
        fixed[word] = fixed[word] || text.indexOf(plain(word)) !== -1;
      }
    });
    item.terms = fixed;
    return item;
  }

  /* Material's groups of results (one per page), the phrase's pages first, then all words'. */
  function ranked(groups) {
    return groups
      .map(function (group, position) {
        return { group: group, position: position, tier: group.length ? tier(pageOf(group[0].location)) : 2 };
      })
      .sort(function (a, b) { return a.tier - b.tier || a.position - b.position; })
      .map(function (entry) { return entry.group; });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (!message || typeof message !== "object") { return; }
    var data = message.data;
    if (data && data.config && Array.isArray(data.docs)) {
      setup(data);
    } else if (typeof data === "string" && index && pages) {
      phrase = SYNTAX.test(data) ? "" : plain(data);
      words = [];
      message.data = marked(data);
    }
  });

  var post = self.postMessage;
  self.postMessage = function (message) {
    var data = message && message.data;
    if (pages && data && Array.isArray(data.items)) {
      data.items = ranked(data.items).map(function (group) { return group.map(repaired); });
    }
    return post.apply(self, arguments);
  };

  importScripts(material);
})();
