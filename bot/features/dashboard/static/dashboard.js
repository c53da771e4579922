// The class dashboard's only script: it finds the Mini App launch data (initData), asks the
// bot's server for a view (HTML rendered there) with `Authorization: tma <initData>`, shows
// it, and handles sorting, "show more" (answers, and a big class's students), the actions and
// Telegram's Back button.
//
// Inside Telegram, the launch data arrives in the address's fragment (#tgWebAppData=…&
// tgWebAppVersion=…) and Telegram's own telegram-web-app.js is loaded for the theme and the
// Back button. Outside Telegram (the demo, the tests) the same fragment carries initData
// signed with the bot's token, and no other script is needed.
(function () {
  "use strict";

  var TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js";
  var STORE = "surprise-quiz.initData";
  var view = document.getElementById("view");
  var toastTimer = null;
  var webApp = null;
  var initData = "";

  function launchParams() {
    var fromHash = new URLSearchParams(location.hash.slice(1));
    var fromQuery = new URLSearchParams(location.search);
    return {
      data: fromHash.get("tgWebAppData") || fromQuery.get("tgWebAppData") || "",
      inTelegram: fromHash.has("tgWebAppVersion") || Boolean(window.TelegramWebviewProxy),
    };
  }

  function withTelegram(done) {
    var script = document.createElement("script");
    script.src = TELEGRAM_SCRIPT;
    script.onload = function () {
      webApp = (window.Telegram && window.Telegram.WebApp) || null;
      if (webApp) {
        webApp.ready();
        webApp.expand();
        webApp.BackButton.onClick(goBack);
      }
      done();
    };
    script.onerror = done;
    document.head.appendChild(script);
  }

  function start() {
    var launch = launchParams();
    var begin = function () {
      initData = (webApp && webApp.initData) || launch.data || sessionStorage.getItem(STORE) || "";
      if (launch.data) {
        sessionStorage.setItem(STORE, launch.data);
        // The signed data stays out of the address bar, the history and shared links.
        var params = new URLSearchParams(location.search);
        params.delete("tgWebAppData");
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      }
      if (!initData) {
        showTemplate("no-launch-data");
        return;
      }
      route();
    };
    if (launch.inTelegram) withTelegram(begin);
    else begin();
  }

  function showTemplate(id) {
    view.innerHTML = "";
    view.appendChild(document.getElementById(id).content.cloneNode(true));
  }

  function viewPath(search) {
    var params = new URLSearchParams(search);
    var code = params.get("class");
    var student = params.get("student");
    var path = "/app/view/classes";
    if (code) path += "/" + encodeURIComponent(code);
    if (code && student) path += "/students/" + encodeURIComponent(student);
    return path;
  }

  function request(method, url, body) {
    var headers = { Authorization: "tma " + initData };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(url, { method: method, headers: headers, body: body, cache: "no-store" });
  }

  function route() {
    view.setAttribute("aria-busy", "true");
    return request("GET", viewPath(location.search))
      .then(function (response) { return response.text(); })
      .then(function (html) {
        view.innerHTML = html;
        var root = view.querySelector(".view");
        document.title = (root && root.dataset.title) || "Surprise Quiz";
        if (root && root.lang) document.documentElement.lang = root.lang;
        if (webApp) {
          if (root && root.dataset.back !== undefined) webApp.BackButton.show();
          else webApp.BackButton.hide();
        }
      })
      .catch(function () { showTemplate("offline"); })
      .then(function () { view.removeAttribute("aria-busy"); });
  }

  function navigate(href) {
    history.pushState(null, "", href === "?" ? location.pathname : href);
    window.scrollTo(0, 0);
    return route();
  }

  function goBack() {
    var root = view.querySelector(".view");
    if (root && root.dataset.back !== undefined) navigate(root.dataset.back);
  }

  // ------------------------------------------------------------ sorting the heatmap

  function sortTable(button) {
    var th = button.closest("th");
    var table = th.closest("table");
    var current = th.getAttribute("aria-sort");
    // Names start A→Я, numbers weakest first (who needs help); a second tap reverses.
    var ascending = current ? current !== "ascending" : true;
    table.querySelectorAll("thead th").forEach(function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    arrangeRows(table);
  }

  // The rows in the order the heading shows (aria-sort), students' rows only: the
  // "show more" row stays last.
  function arrangeRows(table) {
    var th = table.querySelector("thead th[aria-sort]");
    if (!th) return;
    var key = th.querySelector("button").dataset.sort;
    var ascending = th.getAttribute("aria-sort") === "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.filter.call(body.rows, function (row) { return row.dataset.student; });
    rows.sort(function (a, b) {
      var x = parseFloat(a.dataset[key]);
      var y = parseFloat(b.dataset[key]);
      var order = x - y || parseFloat(a.dataset.order) - parseFloat(b.dataset.order);
      return ascending ? order : -order;
    });
    var more = body.querySelector("tr.more-rows");
    rows.forEach(function (row) { body.insertBefore(row, more); });
  }

  // ------------------------------------------------------------ actions

  function confirmThen(message, go) {
    if (!message) return go();
    if (webApp && webApp.showConfirm) {
      webApp.showConfirm(message, function (yes) { if (yes) go(); });
    } else if (window.confirm(message)) {
      go();
    }
  }

  function act(button) {
    confirmThen(button.dataset.confirm, function () {
      button.disabled = true;
      request(button.dataset.action, button.dataset.url, button.dataset.body)
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          toast(button.dataset.done);
          return button.dataset.after ? navigate(button.dataset.after) : route();
        })
        .catch(function () {
          button.disabled = false;
          var root = view.querySelector(".view");
          toast(root && root.dataset.failed);
        });
    });
  }

  // "Show more": a student's older answers, or a big class's next students (sorted in as
  // the heading says). The button's list item or table row gives way to what came.
  function more(button) {
    var item = button.closest("li, tr");
    var table = item.closest("table");
    button.disabled = true;
    request("GET", button.dataset.more)
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        item.insertAdjacentHTML("beforebegin", html);
        item.remove();
        if (table) arrangeRows(table);
      })
      .catch(function () { button.disabled = false; });
  }

  function toast(message) {
    var box = document.getElementById("toast");
    if (!message) return;
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, 2500);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-nav]");
    if (link) {
      event.preventDefault();
      navigate(link.getAttribute("href"));
      return;
    }
    var button = event.target.closest("button");
    if (!button || button.disabled) return;
    if (button.dataset.sort) sortTable(button);
    else if (button.dataset.action) act(button);
    else if (button.dataset.more) more(button);
  });
  window.addEventListener("popstate", route);
  start();
})();
