from django.core.management.base import BaseCommand

from circuito.jobs.services import delete_expired_files


class Command(BaseCommand):
    help = "Delete the files of jobs whose expiry date has passed (the job rows are kept)."

    def handle(self, *args, **options) -> None:
        deleted = delete_expired_files()
        self.stdout.write(f"Deleted {deleted} expired job file(s).")
