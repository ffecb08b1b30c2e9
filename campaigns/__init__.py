"""Public campaign pages and the supporters' take-action flow."""
