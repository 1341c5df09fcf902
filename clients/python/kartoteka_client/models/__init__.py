"""Contains all the data models used in inputs/outputs"""

from .adjust_in import AdjustIn
from .adjust_out import AdjustOut
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_out import ApiKeyOut
from .batch_item_result import BatchItemResult
from .batch_item_result_status import BatchItemResultStatus
from .birthday_customer import BirthdayCustomer
from .bucket import Bucket
from .bulk_request import BulkRequest
from .bulk_request_action import BulkRequestAction
from .bulk_request_channel_type_0 import BulkRequestChannelType0
from .bulk_request_fields_type_0 import BulkRequestFieldsType0
from .bulk_request_status_type_0 import BulkRequestStatusType0
from .bulk_result import BulkResult
from .bulk_result_action import BulkResultAction
from .bulk_result_status import BulkResultStatus
from .card_in import CardIn
from .card_out import CardOut
from .channel_consents import ChannelConsents
from .column_out import ColumnOut
from .consent_in import ConsentIn
from .consent_out import ConsentOut
from .consent_stats import ConsentStats
from .contact_match import ContactMatch
from .contact_match_matched_on_item import ContactMatchMatchedOnItem
from .contact_matches import ContactMatches
from .count_request import CountRequest
from .count_request_filter_type_0 import CountRequestFilterType0
from .counts import Counts
from .create_import_files_body import CreateImportFilesBody
from .credit_entry_out import CreditEntryOut
from .credit_in import CreditIn
from .credits_out import CreditsOut
from .custom_field_in import CustomFieldIn
from .custom_field_in_type import CustomFieldInType
from .custom_field_out import CustomFieldOut
from .custom_field_out_type import CustomFieldOutType
from .custom_field_patch import CustomFieldPatch
from .customer_count import CustomerCount
from .customer_create import CustomerCreate
from .customer_create_consents_type_0 import CustomerCreateConsentsType0
from .customer_create_custom_fields_type_0 import CustomerCreateCustomFieldsType0
from .customer_create_gender_type_0 import CustomerCreateGenderType0
from .customer_create_status_type_0 import CustomerCreateStatusType0
from .customer_create_type_type_0 import CustomerCreateTypeType0
from .customer_fields_out import CustomerFieldsOut
from .customer_fields_out_consents import CustomerFieldsOutConsents
from .customer_fields_out_custom_fields import CustomerFieldsOutCustomFields
from .customer_fields_out_gender_type_0 import CustomerFieldsOutGenderType0
from .customer_fields_out_source import CustomerFieldsOutSource
from .customer_fields_out_status import CustomerFieldsOutStatus
from .customer_fields_out_type import CustomerFieldsOutType
from .customer_loyalty import CustomerLoyalty
from .customer_out import CustomerOut
from .customer_out_consents import CustomerOutConsents
from .customer_out_custom_fields import CustomerOutCustomFields
from .customer_out_gender_type_0 import CustomerOutGenderType0
from .customer_out_source import CustomerOutSource
from .customer_out_status import CustomerOutStatus
from .customer_out_type import CustomerOutType
from .customer_page import CustomerPage
from .customer_patch import CustomerPatch
from .customer_patch_consents_type_0 import CustomerPatchConsentsType0
from .customer_patch_custom_fields_type_0 import CustomerPatchCustomFieldsType0
from .customer_patch_gender_type_0 import CustomerPatchGenderType0
from .customer_patch_status_type_0 import CustomerPatchStatusType0
from .customer_patch_type_type_0 import CustomerPatchTypeType0
from .customer_ref import CustomerRef
from .customer_summary import CustomerSummary
from .delivery_out import DeliveryOut
from .delivery_page import DeliveryPage
from .desk_today import DeskToday
from .discount_in import DiscountIn
from .discount_in_period import DiscountInPeriod
from .discount_out import DiscountOut
from .discount_use_in import DiscountUseIn
from .discount_use_out import DiscountUseOut
from .duplicate_contact_problem import DuplicateContactProblem
from .duplicate_group import DuplicateGroup
from .duplicate_list import DuplicateList
from .entry_out import EntryOut
from .entry_out_kind import EntryOutKind
from .erasure_out import ErasureOut
from .event_out import EventOut
from .event_out_data import EventOutData
from .event_page import EventPage
from .expiring_next import ExpiringNext
from .expiring_voucher import ExpiringVoucher
from .export_log_out import ExportLogOut
from .export_log_out_selection import ExportLogOutSelection
from .export_request import ExportRequest
from .export_request_delimiter import ExportRequestDelimiter
from .export_request_filter_type_0 import ExportRequestFilterType0
from .export_request_format import ExportRequestFormat
from .export_request_locale_type_0 import ExportRequestLocaleType0
from .field_change import FieldChange
from .field_error import FieldError
from .field_info import FieldInfo
from .field_info_labels import FieldInfoLabels
from .field_list import FieldList
from .figures import Figures
from .file_settings import FileSettings
from .file_settings_delimiter_type_0 import FileSettingsDelimiterType0
from .file_settings_encoding_type_0 import FileSettingsEncodingType0
from .generate_result import GenerateResult
from .health import Health
from .history_entry import HistoryEntry
from .history_entry_changes_type_0 import HistoryEntryChangesType0
from .history_entry_meta_type_0 import HistoryEntryMetaType0
from .import_error_group import ImportErrorGroup
from .import_error_out import ImportErrorOut
from .import_mapping import ImportMapping
from .import_mapping_columns import ImportMappingColumns
from .import_mapping_dedupe_key import ImportMappingDedupeKey
from .import_mapping_on_duplicate import ImportMappingOnDuplicate
from .import_out import ImportOut
from .import_out_sample_item import ImportOutSampleItem
from .import_status import ImportStatus
from .insufficient_points_problem import InsufficientPointsProblem
from .issue_result import IssueResult
from .issue_result_status import IssueResultStatus
from .job_out import JobOut
from .job_out_result_type_0 import JobOutResultType0
from .job_queued import JobQueued
from .lapsed_customer import LapsedCustomer
from .ledger_page import LedgerPage
from .level_change_out import LevelChangeOut
from .level_input import LevelInput
from .level_out import LevelOut
from .level_output import LevelOutput
from .liability_out import LiabilityOut
from .list_vouchers_status_type_0 import ListVouchersStatusType0
from .list_webhook_deliveries_status_type_0 import ListWebhookDeliveriesStatusType0
from .location_in import LocationIn
from .location_out import LocationOut
from .login_in import LoginIn
from .lookup_result import LookupResult
from .loyalty_result import LoyaltyResult
from .me import Me
from .merge_request import MergeRequest
from .merge_request_fields import MergeRequestFields
from .merge_result import MergeResult
from .merge_result_moved import MergeResultMoved
from .multiplier_input import MultiplierInput
from .multiplier_output import MultiplierOutput
from .note_in import NoteIn
from .note_list import NoteList
from .note_out import NoteOut
from .overview import Overview
from .overview_change_percent import OverviewChangePercent
from .overview_granularity import OverviewGranularity
from .overview_preset import OverviewPreset
from .page_export_log_out import PageExportLogOut
from .page_history_entry import PageHistoryEntry
from .page_import_error_out import PageImportErrorOut
from .page_import_out import PageImportOut
from .page_transaction_out import PageTransactionOut
from .page_voucher_out import PageVoucherOut
from .page_voucher_with_redemptions import PageVoucherWithRedemptions
from .password_change import PasswordChange
from .password_reset import PasswordReset
from .period import Period
from .personal_data_format import PersonalDataFormat
from .personal_data_out import PersonalDataOut
from .personal_data_out_audit_events_item import PersonalDataOutAuditEventsItem
from .personal_data_out_consent_history_item import PersonalDataOutConsentHistoryItem
from .personal_data_out_consent_proof_item import PersonalDataOutConsentProofItem
from .personal_data_out_notes_item import PersonalDataOutNotesItem
from .personal_data_out_redemptions_item import PersonalDataOutRedemptionsItem
from .personal_data_out_transactions_item import PersonalDataOutTransactionsItem
from .personal_data_out_vouchers_item import PersonalDataOutVouchersItem
from .points_out import PointsOut
from .points_redeem_in import PointsRedeemIn
from .preview_in import PreviewIn
from .preview_out import PreviewOut
from .problem import Problem
from .programme_in import ProgrammeIn
from .programme_out import ProgrammeOut
from .progress import Progress
from .progress_given_up_type_0 import ProgressGivenUpType0
from .reconcile_out import ReconcileOut
from .redeem_in import RedeemIn
from .redeem_limit_problem import RedeemLimitProblem
from .redeem_out import RedeemOut
from .redeem_result import RedeemResult
from .redemption_out import RedemptionOut
from .rules_input import RulesInput
from .rules_input_level_basis import RulesInputLevelBasis
from .rules_input_rounding import RulesInputRounding
from .rules_output import RulesOutput
from .rules_output_level_basis import RulesOutputLevelBasis
from .rules_output_rounding import RulesOutputRounding
from .search_fields_page import SearchFieldsPage
from .search_page import SearchPage
from .search_request import SearchRequest
from .search_request_filter_type_0 import SearchRequestFilterType0
from .segment_in import SegmentIn
from .segment_in_filter_type_0 import SegmentInFilterType0
from .segment_out import SegmentOut
from .segment_out_filter_type_0 import SegmentOutFilterType0
from .segment_patch import SegmentPatch
from .segment_patch_filter_type_0 import SegmentPatchFilterType0
from .selection_in import SelectionIn
from .selection_in_filter_type_0 import SelectionInFilterType0
from .served_customer import ServedCustomer
from .stats_consents_preset import StatsConsentsPreset
from .stats_overview_granularity import StatsOverviewGranularity
from .stats_overview_preset import StatsOverviewPreset
from .tag_in import TagIn
from .tag_out import TagOut
from .tag_patch import TagPatch
from .tenant_out import TenantOut
from .tenant_patch import TenantPatch
from .tenant_patch_country_type_0 import TenantPatchCountryType0
from .tenant_patch_locale_type_0 import TenantPatchLocaleType0
from .timeline_item import TimelineItem
from .timeline_item_kind import TimelineItemKind
from .timeline_page import TimelinePage
from .transaction_batch_in import TransactionBatchIn
from .transaction_batch_out import TransactionBatchOut
from .transaction_in import TransactionIn
from .transaction_in_kind_type_0 import TransactionInKindType0
from .transaction_out import TransactionOut
from .transaction_out_kind import TransactionOutKind
from .transaction_recorded import TransactionRecorded
from .transaction_recorded_kind import TransactionRecordedKind
from .unsubscribe_links_response_privacy_unsubscribe_links import UnsubscribeLinksResponsePrivacyUnsubscribeLinks
from .user_create import UserCreate
from .user_out import UserOut
from .user_patch import UserPatch
from .voucher_assign import VoucherAssign
from .voucher_create import VoucherCreate
from .voucher_create_kind import VoucherCreateKind
from .voucher_generate import VoucherGenerate
from .voucher_generate_kind import VoucherGenerateKind
from .voucher_issue import VoucherIssue
from .voucher_issue_filter_type_0 import VoucherIssueFilterType0
from .voucher_issue_kind import VoucherIssueKind
from .voucher_out import VoucherOut
from .voucher_out_kind import VoucherOutKind
from .voucher_out_status import VoucherOutStatus
from .voucher_overspent_problem import VoucherOverspentProblem
from .voucher_with_redemptions import VoucherWithRedemptions
from .voucher_with_redemptions_kind import VoucherWithRedemptionsKind
from .voucher_with_redemptions_status import VoucherWithRedemptionsStatus
from .webhook_in import WebhookIn
from .webhook_in_events_item import WebhookInEventsItem
from .webhook_list import WebhookList
from .webhook_out import WebhookOut
from .webhook_patch import WebhookPatch
from .webhook_patch_events_type_0_item import WebhookPatchEventsType0Item
from .webhook_with_secret import WebhookWithSecret

__all__ = (
    "AdjustIn",
    "AdjustOut",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyOut",
    "BatchItemResult",
    "BatchItemResultStatus",
    "BirthdayCustomer",
    "Bucket",
    "BulkRequest",
    "BulkRequestAction",
    "BulkRequestChannelType0",
    "BulkRequestFieldsType0",
    "BulkRequestStatusType0",
    "BulkResult",
    "BulkResultAction",
    "BulkResultStatus",
    "CardIn",
    "CardOut",
    "ChannelConsents",
    "ColumnOut",
    "ConsentIn",
    "ConsentOut",
    "ConsentStats",
    "ContactMatch",
    "ContactMatches",
    "ContactMatchMatchedOnItem",
    "CountRequest",
    "CountRequestFilterType0",
    "Counts",
    "CreateImportFilesBody",
    "CreditEntryOut",
    "CreditIn",
    "CreditsOut",
    "CustomerCount",
    "CustomerCreate",
    "CustomerCreateConsentsType0",
    "CustomerCreateCustomFieldsType0",
    "CustomerCreateGenderType0",
    "CustomerCreateStatusType0",
    "CustomerCreateTypeType0",
    "CustomerFieldsOut",
    "CustomerFieldsOutConsents",
    "CustomerFieldsOutCustomFields",
    "CustomerFieldsOutGenderType0",
    "CustomerFieldsOutSource",
    "CustomerFieldsOutStatus",
    "CustomerFieldsOutType",
    "CustomerLoyalty",
    "CustomerOut",
    "CustomerOutConsents",
    "CustomerOutCustomFields",
    "CustomerOutGenderType0",
    "CustomerOutSource",
    "CustomerOutStatus",
    "CustomerOutType",
    "CustomerPage",
    "CustomerPatch",
    "CustomerPatchConsentsType0",
    "CustomerPatchCustomFieldsType0",
    "CustomerPatchGenderType0",
    "CustomerPatchStatusType0",
    "CustomerPatchTypeType0",
    "CustomerRef",
    "CustomerSummary",
    "CustomFieldIn",
    "CustomFieldInType",
    "CustomFieldOut",
    "CustomFieldOutType",
    "CustomFieldPatch",
    "DeliveryOut",
    "DeliveryPage",
    "DeskToday",
    "DiscountIn",
    "DiscountInPeriod",
    "DiscountOut",
    "DiscountUseIn",
    "DiscountUseOut",
    "DuplicateContactProblem",
    "DuplicateGroup",
    "DuplicateList",
    "EntryOut",
    "EntryOutKind",
    "ErasureOut",
    "EventOut",
    "EventOutData",
    "EventPage",
    "ExpiringNext",
    "ExpiringVoucher",
    "ExportLogOut",
    "ExportLogOutSelection",
    "ExportRequest",
    "ExportRequestDelimiter",
    "ExportRequestFilterType0",
    "ExportRequestFormat",
    "ExportRequestLocaleType0",
    "FieldChange",
    "FieldError",
    "FieldInfo",
    "FieldInfoLabels",
    "FieldList",
    "Figures",
    "FileSettings",
    "FileSettingsDelimiterType0",
    "FileSettingsEncodingType0",
    "GenerateResult",
    "Health",
    "HistoryEntry",
    "HistoryEntryChangesType0",
    "HistoryEntryMetaType0",
    "ImportErrorGroup",
    "ImportErrorOut",
    "ImportMapping",
    "ImportMappingColumns",
    "ImportMappingDedupeKey",
    "ImportMappingOnDuplicate",
    "ImportOut",
    "ImportOutSampleItem",
    "ImportStatus",
    "InsufficientPointsProblem",
    "IssueResult",
    "IssueResultStatus",
    "JobOut",
    "JobOutResultType0",
    "JobQueued",
    "LapsedCustomer",
    "LedgerPage",
    "LevelChangeOut",
    "LevelInput",
    "LevelOut",
    "LevelOutput",
    "LiabilityOut",
    "ListVouchersStatusType0",
    "ListWebhookDeliveriesStatusType0",
    "LocationIn",
    "LocationOut",
    "LoginIn",
    "LookupResult",
    "LoyaltyResult",
    "Me",
    "MergeRequest",
    "MergeRequestFields",
    "MergeResult",
    "MergeResultMoved",
    "MultiplierInput",
    "MultiplierOutput",
    "NoteIn",
    "NoteList",
    "NoteOut",
    "Overview",
    "OverviewChangePercent",
    "OverviewGranularity",
    "OverviewPreset",
    "PageExportLogOut",
    "PageHistoryEntry",
    "PageImportErrorOut",
    "PageImportOut",
    "PageTransactionOut",
    "PageVoucherOut",
    "PageVoucherWithRedemptions",
    "PasswordChange",
    "PasswordReset",
    "Period",
    "PersonalDataFormat",
    "PersonalDataOut",
    "PersonalDataOutAuditEventsItem",
    "PersonalDataOutConsentHistoryItem",
    "PersonalDataOutConsentProofItem",
    "PersonalDataOutNotesItem",
    "PersonalDataOutRedemptionsItem",
    "PersonalDataOutTransactionsItem",
    "PersonalDataOutVouchersItem",
    "PointsOut",
    "PointsRedeemIn",
    "PreviewIn",
    "PreviewOut",
    "Problem",
    "ProgrammeIn",
    "ProgrammeOut",
    "Progress",
    "ProgressGivenUpType0",
    "ReconcileOut",
    "RedeemIn",
    "RedeemLimitProblem",
    "RedeemOut",
    "RedeemResult",
    "RedemptionOut",
    "RulesInput",
    "RulesInputLevelBasis",
    "RulesInputRounding",
    "RulesOutput",
    "RulesOutputLevelBasis",
    "RulesOutputRounding",
    "SearchFieldsPage",
    "SearchPage",
    "SearchRequest",
    "SearchRequestFilterType0",
    "SegmentIn",
    "SegmentInFilterType0",
    "SegmentOut",
    "SegmentOutFilterType0",
    "SegmentPatch",
    "SegmentPatchFilterType0",
    "SelectionIn",
    "SelectionInFilterType0",
    "ServedCustomer",
    "StatsConsentsPreset",
    "StatsOverviewGranularity",
    "StatsOverviewPreset",
    "TagIn",
    "TagOut",
    "TagPatch",
    "TenantOut",
    "TenantPatch",
    "TenantPatchCountryType0",
    "TenantPatchLocaleType0",
    "TimelineItem",
    "TimelineItemKind",
    "TimelinePage",
    "TransactionBatchIn",
    "TransactionBatchOut",
    "TransactionIn",
    "TransactionInKindType0",
    "TransactionOut",
    "TransactionOutKind",
    "TransactionRecorded",
    "TransactionRecordedKind",
    "UnsubscribeLinksResponsePrivacyUnsubscribeLinks",
    "UserCreate",
    "UserOut",
    "UserPatch",
    "VoucherAssign",
    "VoucherCreate",
    "VoucherCreateKind",
    "VoucherGenerate",
    "VoucherGenerateKind",
    "VoucherIssue",
    "VoucherIssueFilterType0",
    "VoucherIssueKind",
    "VoucherOut",
    "VoucherOutKind",
    "VoucherOutStatus",
    "VoucherOverspentProblem",
    "VoucherWithRedemptions",
    "VoucherWithRedemptionsKind",
    "VoucherWithRedemptionsStatus",
    "WebhookIn",
    "WebhookInEventsItem",
    "WebhookList",
    "WebhookOut",
    "WebhookPatch",
    "WebhookPatchEventsType0Item",
    "WebhookWithSecret",
)
