"""Every page type, with the toolbar in use, runs under its Content-Security-Policy with zero violations;
and the policy is really enforced (an injected inline script does not run)."""

from __future__ import annotations

from typing import Any

from .conftest import PAGES

RECORD = """
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_no_csp_violations_on_any_page(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    violations = []
    for name, path in PAGES.items():
        page.goto(site_url + path)
        if page.get_attribute("#a11y-toggle", "aria-expanded") != "true":
            page.click("#a11y-toggle")
        for key, value in (("font", "150"), ("theme", "hc-dark"), ("cursor", "large"), ("guide", "on"),
                           ("spacing", "wide"), ("speech", "on")):
            page.click(f'#a11y-toolbar [data-a11y="{key}"][data-value="{value}"]')
        page.mouse.move(200, 300)
        page.click('[data-speech="read-all"]')
        page.click('[data-speech="stop"]')
        page.click("#elder-switch")
        page.click('#a11y-toolbar [data-tool="reset"]')
        found = page.evaluate("window.__csp")
        if found:
            violations.append((name, found))
    context.close()
    assert not violations and not errors, (violations, errors)


def test_policy_is_enforced(browser_context_factory: Any, site_url: str) -> None:
    context = browser_context_factory(bypass_csp=False)
    context.add_init_script(RECORD)
    page = context.new_page()
    page.goto(site_url + PAGES["detail-toc"])
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true';
                             document.body.appendChild(s); }""")
    page.wait_for_timeout(50)
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
    context.close()
