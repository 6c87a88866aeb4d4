"""Sign-up and claims; logging in and passwords are Django's own views (config/urls.py)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from profiles.models import Person

from .forms import ClaimForm, SignupForm
from .models import Claim
from .ratelimit import allow_request


def over_limit(request: HttpRequest, action: str) -> bool:
    """A POST over the per-user/per-address limit for ``action`` (sign-up, claim, reset)."""
    if request.method != "POST":
        return False
    return not allow_request(
        request, action, limit=settings.ACCOUNT_RATE_LIMIT, window=settings.ACCOUNT_RATE_WINDOW
    )


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/too_many_requests.html", status=429)


def password_reset(request: HttpRequest) -> HttpResponse:
    """Django's password reset, with a limit on the e-mails one address can ask for."""
    if over_limit(request, "password-reset"):
        return too_many_requests(request)
    return auth_views.PasswordResetView.as_view()(request)


@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if over_limit(request, "signup"):
        return too_many_requests(request)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}. Upload your CV to make a profile.")
        return redirect("editing:upload")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def claim_person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person, slug=slug)
    if person.owner_id is not None:
        messages.error(request, f"{person} already belongs to an account.")
        return redirect(person)
    if Person.objects.filter(owner=request.user).exists():
        messages.error(request, "Your account has a profile already; ask staff to merge the two.")
        return redirect(person)
    pending = Claim.objects.filter(user=request.user, person=person, status=Claim.Status.PENDING)
    if pending.exists():
        messages.info(request, "Your claim is waiting for a member of staff.")
        return redirect(person)
    if over_limit(request, "claim"):
        return too_many_requests(request)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.user, form.instance.person = request.user, person
        form.save()
        messages.success(request, "Thank you. A member of staff will look at your claim soon.")
        return redirect(person)
    return render(request, "accounts/claim.html", {"person": person, "form": form})
