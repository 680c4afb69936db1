use drift_core::errors::DriftErrorCode;
use drift_core::types::security::Sensitivity;

use super::{SensitiveRules, tokens};
use crate::parsers::ParserManager;

#[test]
fn names_split_into_whole_tokens() {
    assert_eq!(tokens("dateOfBirth"), ["date", "of", "birth"]);
    assert_eq!(tokens("DATE_OF_BIRTH"), ["date", "of", "birth"]);
    assert_eq!(tokens("user-SSN"), ["user", "ssn"]);
    assert_eq!(tokens("parseHTTPResponse"), ["parse", "http", "response"]);
    assert_eq!(tokens("addressLine1"), ["address", "line", "1"]);
    assert_eq!(tokens("$password"), ["password"]);
    assert!(tokens("__").is_empty());
}

#[test]
fn each_category_is_found_by_whole_tokens_only() {
    let rules = SensitiveRules::builtin();
    let kind =
        |field: &str, model: &str| rules.classify(field, model).map(|found| found.sensitivity);
    for (field, expected) in [
        ("ssn", Sensitivity::Pii),
        ("dateOfBirth", Sensitivity::Pii),
        ("email", Sensitivity::Pii),
        ("home_address", Sensitivity::Pii),
        ("password_hash", Sensitivity::Credentials),
        ("apiKey", Sensitivity::Credentials),
        ("refresh_token", Sensitivity::Credentials),
        ("credit_card_number", Sensitivity::Financial),
        ("cvv", Sensitivity::Financial),
        ("iban", Sensitivity::Financial),
        ("salary", Sensitivity::Financial),
        ("diagnosis", Sensitivity::Health),
        ("bloodType", Sensitivity::Health),
        ("medical_record_number", Sensitivity::Health),
    ] {
        assert_eq!(kind(field, "Record"), Some(expected), "{field}");
    }
    // Short keys inside longer words, and names that describe a value rather than hold it.
    for field in [
        "company",
        "page",
        "spinner",
        "statement",
        "velocity",
        "passwordMinLength",
        "email_verified",
        "is_email",
        "ssn_format",
        "token_type",
        "mock_ssn",
        "created_at",
        "title",
        "price",
        "JVM_SIGNATURE_INT",
        "MASTER_SECRET_LABEL",
        "signature",
        "value_fingerprint",
    ] {
        assert_eq!(kind(field, "Record"), None, "{field}");
    }
}

#[test]
fn the_model_raises_the_confidence_and_the_reason_says_why() {
    let rules = SensitiveRules::builtin();
    let plain = rules.classify("first_name", "Widget").unwrap();
    let user = rules.classify("first_name", "UserProfile").unwrap();
    assert!(user.confidence > plain.confidence);
    assert!(user.reason.contains("UserProfile"), "{}", user.reason);
    // A parser's token and an interface's display name are not personal data or credentials.
    assert!(rules.classify("token", "ParserState").is_none());
    assert!(rules.classify("token", "AuthSession").is_some());
    let expiring = rules
        .classify("access_token_expires_at", "Session")
        .unwrap();
    let token = rules.classify("access_token", "Session").unwrap();
    assert!(expiring.confidence < token.confidence);
    assert!(
        expiring.reason.contains("describes it"),
        "{}",
        expiring.reason
    );
}

#[test]
fn fields_of_a_django_model_come_with_their_lines() {
    let source = "from django.db import models\n\n\nclass Patient(models.Model):\n    name = models.CharField(max_length=80)\n    date_of_birth = models.DateField()\n    diagnosis = models.TextField()\n    insurance_policy_number = models.CharField(max_length=40)\n    created_at = models.DateTimeField(auto_now_add=True)\n";
    let result = ParserManager::new(0)
        .parse("clinic/models.py", source.as_bytes())
        .unwrap();
    let found = SensitiveRules::builtin().fields_of(&result, source.as_bytes());
    let summary: Vec<(&str, Sensitivity, u32)> = found
        .iter()
        .map(|field| (field.field.as_str(), field.sensitivity, field.line))
        .collect();
    assert_eq!(
        summary,
        [
            ("date_of_birth", Sensitivity::Pii, 5),
            ("diagnosis", Sensitivity::Health, 6),
            ("insurance_policy_number", Sensitivity::Health, 7),
        ]
    );
    assert!(found.iter().all(|field| field.model == "Patient"));
}

#[test]
fn bad_rules_are_config_invalid() {
    for text in [
        "[[rule]]\ncategory = \"secretish\"\nspecificity = 0.5\nnames = [\"x\"]\n",
        "[[rule]]\ncategory = \"pii\"\nspecificity = 1.5\nnames = [\"x\"]\n",
        "[[rule]]\ncategory = \"pii\"\nspecificity = 0.5\nnames = [\"__\"]\n",
        "[[rule]]\ncategory = \"pii\"\nspecifity = 0.5\nnames = [\"x\"]\n",
    ] {
        let err = SensitiveRules::parse(text, "packs/fields.toml").unwrap_err();
        assert_eq!(err.code(), "CONFIG_INVALID", "{err}");
        assert!(err.to_string().contains("packs/fields.toml"), "{err}");
    }
}
