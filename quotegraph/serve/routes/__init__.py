"""One router per resource; `app.py` joins them."""
