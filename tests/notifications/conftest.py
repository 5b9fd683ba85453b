"""A real SMTP server on loopback (aiosmtpd) for the notification tests; it can refuse the first messages."""

import email
import email.policy

import environ
import pytest
from aiosmtpd.controller import Controller

SMTP_PORT = 8141  # the notify helper's port range (8140-8149): one port per xdist worker


class Recorder:
    """Keeps every message the server accepted; answers 451 to the first `refuse` DATA commands."""

    def __init__(self):
        self.messages = []
        self.refuse = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Please try again later"
        self.messages.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings, worker_id):
    """Starts the server and points Django at it as EMAIL_URL=smtp://127.0.0.1:<port> would."""
    port = SMTP_PORT + (int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0)
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    config = environ.Env.email_url_config(f"smtp://127.0.0.1:{port}")
    for name, value in config.items():
        setattr(settings, name, value)
    settings.EMAIL_TIMEOUT = 10
    try:
        yield recorder
    finally:
        controller.stop()
