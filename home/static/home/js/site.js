/*
 * Starts the NHS.UK frontend components (header menu, skip link, buttons, notification
 * banners). Loaded as a module, so only browsers NHS.UK frontend supports run it; they get
 * the "nhsuk-frontend-supported" class the components' styles and checks expect.
 */
import { initAll } from "../../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
