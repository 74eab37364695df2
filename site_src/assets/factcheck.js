/* Arriving on a cited passage or an evidence item: mark the whole of it, bring it into view
   clear of the sticky header, and tell screen-reader users what was highlighted.

   On a source page, #ev-<claim>-<n> names an empty <span class="fc-target"> before the
   passage; every <mark> of that passage (one per fragment of a split or overlapping quotation)
   lists the id in its data-ev attribute. On a claim page the id is the evidence <figure>.
   A statement we did not check arrives the same way: #nc-<n> on a source page names its
   passage (its marks list nc-<n> in data-ev), and on the page of statements we did not check
   it names the statement's entry. */
(function () {
  "use strict";

  var CURRENT = "fc-current";
  var status;
  var arrived = null; // the element brought into view last

  function announce(text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "fc-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    // A fresh text node after a tick, so the same message is announced again on a second visit.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function shorten(text, words) {
    var all = text.replace(/\s+/g, " ").trim().split(" ");
    return all.length > words ? all.slice(0, words).join(" ") + "…" : all.join(" ");
  }

  function bringIntoView(element) {
    arrived = element;
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "start" });
  }

  function highlight() {
    var previous = document.querySelectorAll("." + CURRENT);
    for (var i = 0; i < previous.length; i++) {
      previous[i].classList.remove(CURRENT);
    }
    arrived = null;
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;
    }
    if (!/^(ev|nc)-/.test(id)) {
      return;
    }
    var unchecked = /^nc-/.test(id);
    var target = document.getElementById(id);
    if (!target) {
      return;
    }
    var marks = document.querySelectorAll('mark[data-ev~="' + id.replace(/["\\]/g, "") + '"]');
    var first = marks.length ? marks[0] : target;
    var text = "";
    for (var j = 0; j < marks.length; j++) {
      marks[j].classList.add(CURRENT);
      text += " " + marks[j].textContent;
    }
    if (!marks.length) {
      target.classList.add(CURRENT);
      var quote = target.querySelector("blockquote");
      text = quote ? quote.textContent : target.textContent;
    }
    first.setAttribute("tabindex", "-1");
    bringIntoView(first);
    var what = marks.length
      ? (unchecked ? "Highlighted passage, a statement we did not check: "
                   : "Highlighted passage, quoted by the fact-check: ")
      : (unchecked ? "Statement we did not check: " : "Evidence item: ");
    announce(what + shorten(text, 40));
  }

  window.addEventListener("hashchange", highlight);
  // Mark as soon as the page is parsed; then again once loaded, because the browser's own
  // scroll to the fragment comes at load and takes focus back to the page.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
  if (document.readyState !== "complete") {
    window.addEventListener("load", function () {
      if (arrived) {
        bringIntoView(arrived);
      }
    });
  }
})();

/* The all-checks page: filter by rating, claimant, topic and source, and sort by date, from
   the data attributes the build writes on each row. Without JavaScript the form stays hidden
   and the page lists everything. The choices are kept in the address (?verdict=…&tag=…), so
   a filtered view can be shared. */
(function () {
  "use strict";

  var form = document.getElementById("fc-filter");
  if (!form) {
    return;
  }
  var lists = [].slice.call(document.querySelectorAll('ul[data-filtered="rows"]'));
  var rows = [].slice.call(document.querySelectorAll("li[data-verdict]"));
  var count = form.querySelector(".fc-filter__count");
  var names = ["verdict", "claimant", "tag", "source", "order"];

  function has(list, word) {
    return (" " + list + " ").indexOf(" " + word + " ") >= 0;
  }

  function apply(remember) {
    var v = form.elements.verdict.value;
    var c = form.elements.claimant.value;
    var t = form.elements.tag.value;
    var s = form.elements.source.value;
    var oldest = form.elements.order.value === "oldest";
    var shown = 0;
    rows.forEach(function (row) {
      var ok =
        (!v || row.getAttribute("data-verdict") === v) &&
        (!c || row.getAttribute("data-claimant") === c) &&
        (!t || has(row.getAttribute("data-tags"), t)) &&
        (!s || has(row.getAttribute("data-sources"), s));
      row.hidden = !ok;
      shown += ok ? 1 : 0;
    });
    lists.forEach(function (list) {
      var items = [].slice.call(list.children);
      items.sort(function (a, b) {
        var x = a.getAttribute("data-date");
        var y = b.getAttribute("data-date");
        return x === y ? 0 : (x < y) === oldest ? -1 : 1;
      });
      items.forEach(function (item) { list.appendChild(item); });
      var visible = items.some(function (item) { return !item.hidden; });
      list.hidden = !visible;
      var heading = list.previousElementSibling;
      if (heading && heading.tagName === "H2") {
        heading.hidden = !visible;
      }
    });
    var empty = document.querySelectorAll(".fc-none");
    for (var i = 0; i < empty.length; i++) {
      empty[i].hidden = Boolean(v || c || t || s);
      if (empty[i].previousElementSibling) {
        empty[i].previousElementSibling.hidden = empty[i].hidden;
      }
    }
    count.textContent =
      shown === rows.length
        ? "Showing all " + rows.length + " fact-checks."
        : "Showing " + shown + " of " + rows.length + " fact-checks.";
    if (remember) {
      var query = new URLSearchParams();
      names.forEach(function (name) {
        if (form.elements[name].value) {
          query.set(name, form.elements[name].value);
        }
      });
      var search = query.toString();
      history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    }
  }

  var given = new URLSearchParams(window.location.search);
  names.forEach(function (name) {
    var value = given.get(name);
    var select = form.elements[name];
    if (value && [].some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  });
  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(false);
})();
