namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Marks a write that answers through <see cref="IdempotencyKeys"/> but takes no <see cref="CommandScope"/> parameter (it builds its
/// scope itself, e.g. on a class whose GETs must not run a <c>LoadAsync</c>), so the OpenAPI document still shows its
/// Idempotency-Key header (docs/adr/0042).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HonoursIdempotencyKeyAttribute : Attribute;
