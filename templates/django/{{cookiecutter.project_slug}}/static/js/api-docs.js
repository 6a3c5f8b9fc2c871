// What axe-core faults in the markup Swagger UI draws, where Swagger UI has no option for
// it, put right after each change it makes (it leaves alone attributes it does not set).
function label(text) {
  return (node) => node.getAttribute("aria-label") === text || node.setAttribute("aria-label", text);
}
function region(name) {
  return (node) => { node.setAttribute("role", "region"); label(name)(node); };
}
const FIXES = {
  // Under the page's <h1>; its <main> holds the operations, these two parts are regions.
  ".info .title": (node) => node.getAttribute("aria-level") === "2" || node.setAttribute("aria-level", "2"),
  ".information-container": region("About the API"),
  ".scheme-container": region("Authorization"),
  // Named by what they show, not by a label holding part of it (or other words).
  ".opblock-summary-control[aria-label], .auth.authorize[aria-label]": (node) => node.removeAttribute("aria-label"),
  ".responses-table[role=region]": (node) => {
    const summary = node.closest(".opblock").querySelector(".opblock-summary");
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
