from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from .models import Claim


class SignupForm(UserCreationForm):
    email = forms.EmailField(help_text="For resetting your password; never shown publicly.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "email"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            # Neutral, so that the form does not tell who has an account (sign-ups are limited).
            raise forms.ValidationError(
                "We could not create an account with these details. If you have an account "
                "already, log in or reset your password."
            )
        return email


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
