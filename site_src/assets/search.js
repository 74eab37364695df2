/* Search results narrowed by rating, from Material's search dialog.

   A row of choices under the search box, one per verdict of the scale (data/verdicts.json,
   written by the build) and "All", keeps only the fact-checks whose rating is exactly that
   verdict: a claim page's search entries carry its verdict's label as their only tag, and the
   label is compared whole ("True" is not "Mostly true", as a tags: query in lunr would have
   it). The narrowing happens on the search worker's results, before Material renders them,
   so its count ("N matching documents"), its ranking and its rendering of more results on
   scrolling all see the narrowed list, whatever the reader types next. With no words typed,
   a rating lists all its fact-checks.

   This file is loaded in the page head, before Material's bundle, because it must see the
   search worker created: it wraps window.Worker and, for Material's search worker only, the
   messages both ways (a query out: remembered; results in: narrowed). If Material changes
   its messages, results simply go through unnarrowed. Rating tags in the results get their
   verdict's colour. */
(function () {
  "use strict";

  var Native = window.Worker;
  var script = document.currentScript;
  if (!Native || !script || !window.URL || !window.fetch) {
    return;
  }
  var SCALE = new URL("../data/verdicts.json", script.src).href;
  // Material's SearchMessageType (a const enum, compiled to numbers).
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  // The search index's word separator (mkdocs' search plugin default, as Material uses it).
  var SEPARATOR = /[\s\-]+/;

  var worker = null; // Material's search worker, once created
  var post = null; // its own postMessage
  var ready = false; // the index is loaded: queries may be sent
  var typed = ""; // the reader's last query, as Material sent it
  var chosen = ""; // the label of the chosen verdict; "" for all
  var listing = false; // the query sent was ours: every check of the chosen verdict
  var announceNext = false; // a choice was made: say what it found
  var controls = null; // { fieldset, status, colours: {label: colour} }

  function isSearchWorker(url) {
    try {
      return /\/workers\/search\.[^/]*\.js$/.test(new URL(String(url), location.href).pathname);
    } catch (error) {
      return false;
    }
  }

  function Worker(url, options) {
    var created = new Native(url, options);
    if (!worker && isSearchWorker(url)) {
      adopt(created);
    }
    return created;
  }
  Worker.prototype = Native.prototype;
  window.Worker = Worker;

  /* The query sent for what the reader typed: as typed, unless nothing is typed and a verdict
     is chosen; then a query for any word of its label in the tags, narrowed to the exact
     label when the results come back. */
  function queryFor(text) {
    listing = Boolean(chosen) && !text.trim();
    if (!listing) {
      return text;
    }
    return chosen
      .toLowerCase()
      .split(SEPARATOR)
      .map(function (word) { return word.replace(/[:*+\-~^"]/g, ""); })
      .filter(Boolean)
      .map(function (word) { return "tags:" + word; })
      .join(" ");
  }

  function send(text) {
    typed = text;
    post.call(worker, { type: QUERY, data: queryFor(text) });
  }

  function plain(html) {
    // Tags come back with <mark> around the words the query matched; compare their text.
    html = String(html);
    if (!/[<&]/.test(html)) {
      return html;
    }
    return new DOMParser().parseFromString(html, "text/html").body.textContent;
  }

  function ratingOf(group) {
    var tags = group.length && Array.isArray(group[0].tags) ? group[0].tags : [];
    return tags.length === 1 ? plain(tags[0]) : null;
  }

  function narrow(result) {
    if (!result || !Array.isArray(result.items)) {
      return result;
    }
    var items = result.items;
    if (chosen) {
      items = items.filter(function (group) { return ratingOf(group) === chosen; });
    }
    if (listing) {
      // Our query's words are not the reader's: nothing to highlight, here or on the page.
      items.forEach(function (group) {
        group.forEach(function (doc) {
          doc.terms = {};
          doc.tags = Array.isArray(doc.tags) ? doc.tags.map(plain) : doc.tags;
        });
      });
    }
    if (announceNext) {
      announceNext = false;
      say(items.length);
    }
    var copy = {};
    for (var key in result) {
      copy[key] = result[key];
    }
    copy.items = items;
    return copy;
  }

  function adopt(created) {
    worker = created;
    post = created.postMessage;
    created.postMessage = function (message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        typed = message.data;
        message = { type: QUERY, data: queryFor(message.data) };
      }
      var rest = [].slice.call(arguments, 1);
      return post.apply(created, [message].concat(rest));
    };
    var wrapped = new WeakMap();
    var add = created.addEventListener;
    var remove = created.removeEventListener;
    created.addEventListener = function (type, listener, options) {
      if (type === "message" && typeof listener === "function") {
        var original = listener;
        if (!wrapped.has(original)) {
          wrapped.set(original, function (event) {
            var data = event.data;
            if (data && data.type === RESULT) {
              event = new MessageEvent("message", {
                data: { type: RESULT, data: narrow(data.data) },
              });
            }
            return original.call(this, event);
          });
        }
        listener = wrapped.get(original);
      }
      return add.call(created, type, listener, options);
    };
    created.removeEventListener = function (type, listener, options) {
      if (type === "message" && wrapped.has(listener)) {
        listener = wrapped.get(listener);
      }
      return remove.call(created, type, listener, options);
    };
    add.call(created, "message", function (event) {
      if (event.data && event.data.type === READY) {
        ready = true;
      }
    });
  }

  /* The controls: a group of radio buttons at the top of the results. Built on the first
     opening of the dialog (no request for the scale on pages where nobody searches). */

  function say(count) {
    if (!controls) {
      return;
    }
    var text;
    if (!chosen && !typed.trim()) {
      text = "Showing every rating.";
    } else {
      text = count === 0 ? "No results" : count === 1 ? "1 result" : count + " results";
      text += chosen ? " rated " + chosen + "." : " of any rating.";
    }
    controls.status.textContent = "";
    window.setTimeout(function () { controls.status.textContent = text; }, 50);
  }

  function choose(label) {
    chosen = label;
    announceNext = true;
    if (worker && ready) {
      send(typed);
    }
  }

  function colourTags(root) {
    if (!controls) {
      return;
    }
    var tags = root.querySelectorAll(".md-tag");
    for (var i = 0; i < tags.length; i++) {
      var colour = controls.colours[tags[i].textContent];
      if (colour && !tags[i].classList.contains("fc-verdict-tag")) {
        tags[i].classList.add("fc-verdict-tag");
        tags[i].style.setProperty("--fc-verdict", colour);
      }
    }
  }

  function build(scale, query, wrap, list) {
    var fieldset = document.createElement("fieldset");
    fieldset.className = "fc-narrow";
    var legend = document.createElement("legend");
    legend.textContent = "Rating";
    fieldset.appendChild(legend);
    var colours = {};
    var choices = [{ label: "All", value: "", colour: "" }].concat(
      scale.verdicts.map(function (v) {
        colours[v.label] = v.colour;
        return { label: v.label, value: v.label, colour: v.colour };
      })
    );
    choices.forEach(function (choice) {
      var label = document.createElement("label");
      label.className = "fc-narrow__choice";
      if (choice.colour) {
        label.style.setProperty("--fc-verdict", choice.colour);
      }
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "fc-narrow";
      input.value = choice.value;
      input.checked = choice.value === chosen;
      var text = document.createElement("span");
      text.textContent = choice.label;
      label.appendChild(input);
      label.appendChild(text);
      fieldset.appendChild(label);
    });
    var status = document.createElement("p");
    status.className = "fc-sr";
    status.setAttribute("role", "status");
    wrap.insertBefore(fieldset, wrap.firstChild);
    fieldset.parentNode.insertBefore(status, fieldset.nextSibling);
    controls = { fieldset: fieldset, status: status, colours: colours };

    fieldset.addEventListener("change", function (event) {
      if (event.target.name === "fc-narrow") {
        choose(event.target.value);
      }
    });
    // Material's search dialog takes every key (Tab closes it, the arrows move through the
    // results, any other key, Shift alone too, goes to the search box): the keys the radio
    // buttons need stay with them; Tab moves from the search box to the ratings, Shift+Tab back (and Tab from
    // the ratings closes the dialog, as it does from the search box).
    fieldset.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && event.shiftKey) {
        event.preventDefault();
        event.stopPropagation();
        query.focus();
      } else if (/^(Arrow(Up|Down|Left|Right)| |Spacebar|Shift|Alt|AltGraph|Control|Meta|CapsLock)$/.test(event.key)) {
        event.stopPropagation();
      }
    });
    query.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && !event.shiftKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        event.stopPropagation();
        fieldset.querySelector("input:checked").focus();
      }
    });
    colourTags(list);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        for (var i = 0; i < change.addedNodes.length; i++) {
          if (change.addedNodes[i].nodeType === 1) {
            colourTags(change.addedNodes[i]);
          }
        }
      });
    }).observe(list, { childList: true });
  }

  function start() {
    var toggle = document.getElementById("__search");
    var query = document.querySelector("[data-md-component=search-query]");
    var result = document.querySelector("[data-md-component=search-result]");
    var wrap = result && result.parentNode;
    var list = result && result.querySelector(".md-search-result__list");
    if (!toggle || !query || !wrap || !list) {
      return;
    }
    var asked = false;
    function open() {
      if (asked || !toggle.checked) {
        return;
      }
      asked = true;
      fetch(SCALE)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (scale) {
          if (scale && Array.isArray(scale.verdicts)) {
            build(scale, query, wrap, list);
          }
        })
        .catch(function () {});
    }
    toggle.addEventListener("change", open);
    open();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
