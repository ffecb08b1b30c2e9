"""`python -m letters.pdf`: prepares the letters' fonts now (make install runs it), not in a request."""
from letters.pdf.fonts import prepare

for path in prepare():
    print(f"font ready: {path}")
