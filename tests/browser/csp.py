"""What browser tests watch for: every Content-Security-Policy violation a page reports."""

#: Added with `page.add_init_script(...)`, so it runs before the page's own scripts.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
