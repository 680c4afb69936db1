from django.utils.html import format_html
from django.utils.safestring import mark_safe


def badge(user):
    return mark_safe("<b>%s</b>" % user.name)  # expect-pattern: django/security/mark-safe


def icon():
    return mark_safe("<i class='icon'></i>")  # expect-no-pattern: django/security/mark-safe


def badge_escaped(user):
    return format_html("<b>{}</b>", user.name)  # expect-no-pattern: django/security/mark-safe
