// Progressive enhancement only: every page works without this file.
import { initAll } from "/assets/nhsuk/nhsuk-frontend.min.js";

// nhsuk-frontend initialises only on a body marked as supported; its template marks it with an
// inline <script>, which our Content-Security-Policy (script-src 'self') blocks. A module script
// runs only in the browsers that inline test accepts, so marking the body here is equivalent.
document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();

// nhsuk-frontend marks a radio that reveals a conditional field with aria-expanded, which ARIA
// does not allow on a radio (axe: aria-allowed-attr, critical). The aria-controls it also sets
// already ties the radio to what it reveals, so the attribute is removed whenever it appears.
const isRadio = (el) => el instanceof HTMLInputElement && el.type === "radio";
for (const radio of document.querySelectorAll('input[type="radio"][aria-expanded]')) radio.removeAttribute("aria-expanded");
new MutationObserver((records) => {
  for (const { target } of records) if (isRadio(target) && target.hasAttribute("aria-expanded")) target.removeAttribute("aria-expanded");
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-expanded"] });
