// The batch page while its batch runs: asks the batch's status every 2 seconds (the same body as the batch
// API's GET /api/v1/batches/<id>), moves the progress bar and its text, and reloads the page once the batch
// is finished or failed. Without JavaScript the page says how to refresh it.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("progress-bar");
  var text = document.getElementById("progress-text");
  var status = document.getElementById("batch-status");
  var template = box.getAttribute("data-progress-text") || "";

  function update(body) {
    if (body.rows_total) {
      bar.max = body.rows_total;
      bar.value = body.rows_done;
      bar.textContent = String(body.rows_done);
      text.textContent = template.replace("%(done)s", body.rows_done).replace("%(total)s", body.rows_total);
    }
    if (status && body.status_text) { status.textContent = body.status_text; }
    if (body.status === "done" || body.status === "failed") {
      text.textContent = box.getAttribute("data-done-text");
      window.location.reload();
      return true;
    }
    return false;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body === null || !update(body)) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1000);
})();
