"""The unsubscribe link of the emails (no sign-in: the signed token says who and what).
GET asks to confirm, so that a mail scanner following links unsubscribes nobody; POST
unsubscribes, from the confirmation's button or from a mail client's one-click
List-Unsubscribe-Post (RFC 8058), which carries no CSRF token: the signature stands for it."""

from django.core import signing
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User
from notifications import emails, services
from notifications.kinds import kind_get


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_page(request, token: str):
    try:
        user_id, kinds = emails.unsubscribe_read(token)
    except signing.BadSignature:
        return render(request, "unsubscribe.html", {"invalid": True}, status=400)
    if not User.objects.filter(pk=user_id).exists() or not kinds:
        return render(request, "unsubscribe.html", {"invalid": True}, status=400)
    done = request.method == "POST"
    if done:
        services.unsubscribe(user_id=user_id, kinds=kinds)
    with translation.override(services.email_language(user_id)):  # the email's language
        labels = [str(kind_get(kind).label) for kind in kinds]
        response = render(request, "unsubscribe.html", {"labels": labels, "done": done})
    response["Cache-Control"] = "no-store"
    return response
