// Progressive enhancement only: every page works without this file.
import { initAll } from "/assets/nhsuk/nhsuk-frontend.min.js";

initAll();
