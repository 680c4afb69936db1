from django.utils.html import format_html
from django.utils.safestring import mark_safe


def badge(user):
    return mark_safe("<b>%s</b>" % user.name)  # expect-pattern: django/security/mark-safe


def icon():
    return mark_safe("<i class='icon'></i>")  # expect-no-pattern: django/security/mark-safe


def badge_escaped(user):
    return format_html("<b>{}</b>", user.name)  # expect-no-pattern: django/security/mark-safe


def page_link(link, is_last):
    return format_html(
        '<a href="{}"{}>{}</a>',
        link.url,
        mark_safe(' class="end"' if is_last else ''),  # expect-no-pattern: django/security/mark-safe
        link.number,
    )


def row_class(checked, highlighted):
    if checked:
        return mark_safe(' class="selected"' if highlighted else ' class="checked"')  # expect-no-pattern: django/security/mark-safe
    return mark_safe('<span class="row">' '</span>')  # expect-no-pattern: django/security/mark-safe


def label(user, is_staff):
    first = mark_safe("<b>staff</b>" if is_staff else user.name)  # expect-pattern: django/security/mark-safe
    second = mark_safe(' class="end"' if is_staff else '' + user.name)  # expect-pattern: django/security/mark-safe
    return first + second
