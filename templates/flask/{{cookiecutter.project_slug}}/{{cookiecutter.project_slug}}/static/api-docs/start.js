// Starts Swagger UI on the API's OpenAPI document (kept out of the page for the CSP).
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  // The one of its themes whose colours for JSON and shell all read at 4.5:1 or more.
  syntaxHighlight: { theme: "obsidian" },
});

// What axe-core faults in the markup Swagger UI draws, where Swagger UI has no option for
// it, put right after each change it makes (it leaves alone attributes it does not set).
function label(text) {
  return (node) => node.getAttribute("aria-label") === text || node.setAttribute("aria-label", text);
}
const FIXES = {
  // Named by what it shows (method, path, summary), not by a label holding part of it.
  ".opblock-summary-control[aria-label]": (node) => node.removeAttribute("aria-label"),
  ".responses-table[role=region]": (node) => {
    const summary = node.closest(".opblock").querySelector(".opblock-summary-control");
    label(`Responses of ${summary.querySelector(".opblock-summary-method").textContent} `
      + summary.querySelector(".opblock-summary-path").dataset.path)(node);
  },
  "textarea.body-param__text": label("Request body"),
  ".close-modal": label("Close"),
  ".copy-to-clipboard button": label("Copy to clipboard"),
  // Its loading spinners (and a response's image preview) come without alt text.
  "img:not([alt])": (node) => node.setAttribute("alt", ""),
};
const root = document.getElementById("swagger-ui");
new MutationObserver(() => {
  for (const [selector, fix] of Object.entries(FIXES)) {
    root.querySelectorAll(selector).forEach(fix);
  }
}).observe(root, { childList: true, subtree: true });
