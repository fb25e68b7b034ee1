// Starts Swagger UI on /api/docs from a file, not an inline script, so the page keeps a strict
// Content-Security-Policy (screening/headers.py). The page's body says where the OpenAPI document is.
window.addEventListener("load", function () {
  var body = document.body;
  var config = JSON.parse(body.getAttribute("data-config") || "{}");
  config.url = body.getAttribute("data-spec-url");
  config.dom_id = "#swagger-ui-container";
  window.ui = SwaggerUIBundle(config);
});
