from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_out import CustomerOut
    from ..models.personal_data_out_audit_events_item import PersonalDataOutAuditEventsItem
    from ..models.personal_data_out_consent_history_item import PersonalDataOutConsentHistoryItem
    from ..models.personal_data_out_consent_proof_item import PersonalDataOutConsentProofItem
    from ..models.personal_data_out_notes_item import PersonalDataOutNotesItem
    from ..models.personal_data_out_redemptions_item import PersonalDataOutRedemptionsItem
    from ..models.personal_data_out_transactions_item import PersonalDataOutTransactionsItem
    from ..models.personal_data_out_vouchers_item import PersonalDataOutVouchersItem


T = TypeVar("T", bound="PersonalDataOut")


@_attrs_define
class PersonalDataOut:
    """Everything held about one customer (GDPR art. 15 access, art. 20 portability).

    Attributes:
        generated_at (datetime.datetime):
        tenant (str): The business (controller) holding the data
        customer (CustomerOut):
        consent_history (list[PersonalDataOutConsentHistoryItem]): Every recorded change of a consent: when, by whom,
            from what to what
        consent_proof (list[PersonalDataOutConsentProofItem]): Every consent change with its proof: channel, granted or
            withdrawn, source, the wording's version, who recorded it (a user, an API key, an import, or the person through
            an unsubscribe link) and when
        vouchers (list[PersonalDataOutVouchersItem]):
        redemptions (list[PersonalDataOutRedemptionsItem]):
        transactions (list[PersonalDataOutTransactionsItem]):
        audit_events (list[PersonalDataOutAuditEventsItem]): The history of changes about the person (who changed what,
            when)
        notes (list[PersonalDataOutNotesItem] | Unset): Notes staff wrote on the person
    """

    generated_at: datetime.datetime
    tenant: str
    customer: CustomerOut
    consent_history: list[PersonalDataOutConsentHistoryItem]
    consent_proof: list[PersonalDataOutConsentProofItem]
    vouchers: list[PersonalDataOutVouchersItem]
    redemptions: list[PersonalDataOutRedemptionsItem]
    transactions: list[PersonalDataOutTransactionsItem]
    audit_events: list[PersonalDataOutAuditEventsItem]
    notes: list[PersonalDataOutNotesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        generated_at = self.generated_at.isoformat()

        tenant = self.tenant

        customer = self.customer.to_dict()

        consent_history = []
        for consent_history_item_data in self.consent_history:
            consent_history_item = consent_history_item_data.to_dict()
            consent_history.append(consent_history_item)

        consent_proof = []
        for consent_proof_item_data in self.consent_proof:
            consent_proof_item = consent_proof_item_data.to_dict()
            consent_proof.append(consent_proof_item)

        vouchers = []
        for vouchers_item_data in self.vouchers:
            vouchers_item = vouchers_item_data.to_dict()
            vouchers.append(vouchers_item)

        redemptions = []
        for redemptions_item_data in self.redemptions:
            redemptions_item = redemptions_item_data.to_dict()
            redemptions.append(redemptions_item)

        transactions = []
        for transactions_item_data in self.transactions:
            transactions_item = transactions_item_data.to_dict()
            transactions.append(transactions_item)

        audit_events = []
        for audit_events_item_data in self.audit_events:
            audit_events_item = audit_events_item_data.to_dict()
            audit_events.append(audit_events_item)

        notes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.notes, Unset):
            notes = []
            for notes_item_data in self.notes:
                notes_item = notes_item_data.to_dict()
                notes.append(notes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "generated_at": generated_at,
                "tenant": tenant,
                "customer": customer,
                "consent_history": consent_history,
                "consent_proof": consent_proof,
                "vouchers": vouchers,
                "redemptions": redemptions,
                "transactions": transactions,
                "audit_events": audit_events,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_out import CustomerOut  # noqa: PLC0415
        from ..models.personal_data_out_audit_events_item import PersonalDataOutAuditEventsItem  # noqa: PLC0415
        from ..models.personal_data_out_consent_history_item import PersonalDataOutConsentHistoryItem  # noqa: PLC0415
        from ..models.personal_data_out_consent_proof_item import PersonalDataOutConsentProofItem  # noqa: PLC0415
        from ..models.personal_data_out_notes_item import PersonalDataOutNotesItem  # noqa: PLC0415
        from ..models.personal_data_out_redemptions_item import PersonalDataOutRedemptionsItem  # noqa: PLC0415
        from ..models.personal_data_out_transactions_item import PersonalDataOutTransactionsItem  # noqa: PLC0415
        from ..models.personal_data_out_vouchers_item import PersonalDataOutVouchersItem  # noqa: PLC0415

        d = dict(src_dict)
        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        tenant = d.pop("tenant")

        customer = CustomerOut.from_dict(d.pop("customer"))

        consent_history = []
        _consent_history = d.pop("consent_history")
        for consent_history_item_data in _consent_history:
            consent_history_item = PersonalDataOutConsentHistoryItem.from_dict(consent_history_item_data)

            consent_history.append(consent_history_item)

        consent_proof = []
        _consent_proof = d.pop("consent_proof")
        for consent_proof_item_data in _consent_proof:
            consent_proof_item = PersonalDataOutConsentProofItem.from_dict(consent_proof_item_data)

            consent_proof.append(consent_proof_item)

        vouchers = []
        _vouchers = d.pop("vouchers")
        for vouchers_item_data in _vouchers:
            vouchers_item = PersonalDataOutVouchersItem.from_dict(vouchers_item_data)

            vouchers.append(vouchers_item)

        redemptions = []
        _redemptions = d.pop("redemptions")
        for redemptions_item_data in _redemptions:
            redemptions_item = PersonalDataOutRedemptionsItem.from_dict(redemptions_item_data)

            redemptions.append(redemptions_item)

        transactions = []
        _transactions = d.pop("transactions")
        for transactions_item_data in _transactions:
            transactions_item = PersonalDataOutTransactionsItem.from_dict(transactions_item_data)

            transactions.append(transactions_item)

        audit_events = []
        _audit_events = d.pop("audit_events")
        for audit_events_item_data in _audit_events:
            audit_events_item = PersonalDataOutAuditEventsItem.from_dict(audit_events_item_data)

            audit_events.append(audit_events_item)

        _notes = d.pop("notes", UNSET)
        notes: list[PersonalDataOutNotesItem] | Unset = UNSET
        if _notes is not UNSET:
            notes = []
            for notes_item_data in _notes:
                notes_item = PersonalDataOutNotesItem.from_dict(notes_item_data)

                notes.append(notes_item)

        personal_data_out = cls(
            generated_at=generated_at,
            tenant=tenant,
            customer=customer,
            consent_history=consent_history,
            consent_proof=consent_proof,
            vouchers=vouchers,
            redemptions=redemptions,
            transactions=transactions,
            audit_events=audit_events,
            notes=notes,
        )

        personal_data_out.additional_properties = d
        return personal_data_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
