"""Running medflow: backups, health, the doctor's checks and single sign-on."""
