"""Values the serve tests and their fixtures share: the write token and the markup payloads."""

TOKEN = "test-token-123"

XSS_QUOTE = '<script>window.__xss = 1</script> "><img src=x onerror="window.__xss=2"> <a href="javascript:window.__xss=3">click</a>'
XSS_SPEAKER = '<img src=x onerror="window.__xss=4">Mallory'
XSS_TITLE = "<script>window.__xss=5</script> Markup in every field"
XSS_OUTLET = "<b onmouseover=\"window.__xss=6\">Evil Outlet</b>"
