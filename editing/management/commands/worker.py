import logging
import threading
import time

from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from editing.tasks import STUCK_AFTER, recover_stuck

logger = logging.getLogger(__name__)


class Command(DBWorkerCommand):
    help = (
        "Run the background worker (db_worker, with its options). It also puts back in the"
        " queue, at start and then regularly, the CVs a killed or restarted worker left"
        " parsing."
    )

    def handle(self, *args, **options) -> None:
        if found := recover_stuck():
            self.stderr.write(f"{found} CV(s) left parsing by a stopped worker: retried or failed.")
        # What a worker killed just before this one left becomes stuck only later. A batch
        # run stops once the queue is empty: nothing for a watcher to outlive it for.
        if not options["batch"]:
            threading.Thread(target=_recover_regularly, daemon=True).start()
        super().handle(*args, **options)


def _recover_regularly() -> None:
    while True:
        time.sleep(STUCK_AFTER.total_seconds())
        try:
            recover_stuck()
        except DatabaseError:  # the database away for a moment: try at the next turn
            logger.exception("Looking for stuck CVs failed")
        finally:
            connection.close()
