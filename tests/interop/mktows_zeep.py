"""mktows_zeep.py: what every zeep program of tests/interop shares, so each
says its calls and checks and nothing else: the client built from the
served <endpoint>?WSDL with every wait bounded, the AuthenticationHeader
each program signs itself (HMAC-SHA1 of requestTimestamp + userId, lower-case
hex, the key from MKTOWS_ENCRYPTION_KEY, never the command line), a call
that fails the program on a fault, and the Marketo code read from a fault's
detail.
"""
import datetime
import hashlib
import hmac
import os
import sys

import requests
import zeep
from zeep.exceptions import Fault
from zeep.transports import Transport

NS = "http://www.marketo.com/mktows/"


def fail(why):
    sys.stderr.write("FAIL: %s\n" % why)
    sys.exit(1)


def fault_code(fault):
    """The code of a Marketo fault (detail/serviceException/code), or None."""
    return fault.detail.findtext("{%s}serviceException/code" % NS) if fault.detail is not None else None


def result_of(answer):
    """zeep hands back the one child of an answer's element (`result`) or
    the element itself, depending on its shape."""
    return getattr(answer, "result", answer)


class Session:
    """One client of one endpoint for one user, signing every call.

    zone: the timestamp's zone (UTC unless given; any zone is valid).
    context: also send the MktowsContextHeader (workspace Default), as the
    seed's sample does."""

    def __init__(self, endpoint, user, zone=datetime.timezone.utc, context=False):
        self.user = user
        self.zone = zone
        self.key = os.environ.get("MKTOWS_ENCRYPTION_KEY")
        if not self.key:
            fail("MKTOWS_ENCRYPTION_KEY is not set")
        # Every wait bounded: loading the WSDL and each call.
        self.client = zeep.Client(endpoint + "?WSDL",
                                  transport=Transport(session=requests.Session(), timeout=20, operation_timeout=20))
        self.auth_element = self.client.get_element("{%s}AuthenticationHeader" % NS)
        self.context_element = self.client.get_element("{%s}MktowsContextHeader" % NS) if context else None

    def type(self, name):
        return self.client.get_type("{%s}%s" % (NS, name))

    def headers(self, key=None):
        """The SOAP headers of one call, signed now with `key` (the
        session's unless given: a wrong one makes the 20014 case)."""
        stamp = datetime.datetime.now(self.zone).isoformat(timespec="seconds")
        signature = hmac.new((key or self.key).encode(), (stamp + self.user).encode(), hashlib.sha1).hexdigest()
        out = [self.auth_element(mktowsUserId=self.user, requestSignature=signature, requestTimestamp=stamp)]
        if self.context_element is not None:
            out.append(self.context_element(targetWorkspace="Default"))
        return out

    def raw(self, name, key=None, **params):
        """The call as zeep answers it; a fault raises zeep's Fault."""
        return getattr(self.client.service, name)(_soapheaders=self.headers(key), **params)

    def call(self, name, **params):
        """The call's answer; a fault fails the program."""
        try:
            return self.raw(name, **params)
        except Fault as fault:
            fail("%s: %s (%s)" % (name, fault.message, fault_code(fault)))

    def fault(self, name, **params):
        """The Marketo code of the fault the call must get; an answer fails
        the program."""
        try:
            self.raw(name, **params)
        except Fault as fault:
            return fault_code(fault)
        fail("%s was accepted, a fault was expected" % name)
