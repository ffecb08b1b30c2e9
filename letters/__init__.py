"""Letters: composing their text, laying them out as PDF or email, and counting them."""
