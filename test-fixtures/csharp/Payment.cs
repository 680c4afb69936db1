using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Acme.Payments.Domain
{
    public enum PaymentMethod
    {
        Card = 1,
        BankTransfer = 2,
        Wallet = 3,
    }

    [Flags]
    public enum PaymentFlags : byte
    {
        None = 0,
        Recurring = 1 << 0,
        Refundable = 1 << 1,
        Flagged = 1 << 2,
    }

    public record Money(decimal Amount, string Currency)
    {
        public static Money Zero(string currency) => new(0m, currency);

        public Money Add(Money other)
        {
            if (other.Currency != Currency)
            {
                throw new InvalidOperationException($"Currency mismatch: {Currency} vs {other.Currency}");
            }
            return this with { Amount = Amount + other.Amount };
        }

        public override string ToString() => $"{Amount:0.00} {Currency}";
    }

    public interface IEntity<TKey> where TKey : IEquatable<TKey>
    {
        TKey Id { get; }
    }

    public abstract class AuditableEntity
    {
        public DateTimeOffset CreatedAt { get; protected set; } = DateTimeOffset.UtcNow;
        public DateTimeOffset? UpdatedAt { get; protected set; }

        protected void Touch() => UpdatedAt = DateTimeOffset.UtcNow;
    }

    [Serializable]
    public sealed class Payment : AuditableEntity, IEntity<Guid>
    {
        private readonly List<string> _notes = new();

        public Payment(Money amount, PaymentMethod method, string payerEmail)
        {
            Id = Guid.NewGuid();
            Amount = amount ?? throw new ArgumentNullException(nameof(amount));
            Method = method;
            PayerEmail = payerEmail;
        }

        public Guid Id { get; }

        [Required]
        public Money Amount { get; private set; }

        public PaymentMethod Method { get; init; }

        [EmailAddress]
        [JsonPropertyName("payer_email")]
        public string PayerEmail { get; set; }

        public PaymentFlags Flags { get; set; } = PaymentFlags.Refundable;

        public bool IsRefunded { get; private set; }

        public IReadOnlyList<string> Notes => _notes.AsReadOnly();

        public void AddNote(string note)
        {
            _notes.Add($"[{DateTime.UtcNow:O}] {note}");
            Touch();
        }

        public Money Refund(decimal partial = 0m)
        {
            if (!Flags.HasFlag(PaymentFlags.Refundable))
            {
                throw new InvalidOperationException("Payment is not refundable");
            }
            var refunded = partial > 0 ? Amount with { Amount = partial } : Amount;
            IsRefunded = true;
            Touch();
            return refunded;
        }
    }
}
