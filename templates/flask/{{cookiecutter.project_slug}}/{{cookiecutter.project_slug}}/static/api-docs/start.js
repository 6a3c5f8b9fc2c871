// Starts Swagger UI on the API's OpenAPI document (kept out of the page for the CSP).
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui" });
