"""Sign-up and claims; logging in and passwords are Django's own views (config/urls.py)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from profiles.models import Person

from .forms import ClaimForm, SignupForm
from .models import Claim


@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
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
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.user, form.instance.person = request.user, person
        form.save()
        messages.success(request, "Thank you. A member of staff will look at your claim soon.")
        return redirect(person)
    return render(request, "accounts/claim.html", {"person": person, "form": form})
