"""The subscribe box: an email address and nothing else."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Email, Length

from campaigns.forms import single_line


class SubscribeForm(FlaskForm):
    email = StringField("Your email address", filters=[lambda v: v.strip() if isinstance(v, str) else v],
                        validators=[DataRequired("Please enter your email address."), Length(max=254), single_line,
                                    Email("Please enter an email address like name@example.org.",
                                          check_deliverability=False)])


class ConfirmForm(FlaskForm):
    """No fields: the button's POST carries only the CSRF token."""
