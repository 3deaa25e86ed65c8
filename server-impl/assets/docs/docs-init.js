// Starts Swagger UI (vendored by scripts/vendor-swagger-ui) on the contract this server
// serves, named by the page's data-spec attribute. A file of its own rather than an inline
// script, so that the page's Content-Security-Policy can keep script-src 'self'.
'use strict';
(() => {
  const root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.dataset.spec,
    domNode: root,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    displayRequestDuration: true,
    // The default validator badge would send the contract's URL to validator.swagger.io.
    validatorUrl: null,
  });
})();
