import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from orders.services import expire_pending_orders

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Cancel the orders that stayed unpaid past PENDING_ORDER_TTL_MINUTES"

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the orders that would be cancelled",
        )

    def handle(self, *args, **options):
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing is changed")
            return
        started = timezone.now()
        expired = expire_pending_orders(now=started)
        logger.info("Expired %d pending orders", expired)
        self.stdout.write(self.style.SUCCESS(f"Expired {expired} pending orders"))
