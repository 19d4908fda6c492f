using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// The JSON shape of the API: camelCase, enums as snake_case strings, NodaTime as ISO strings, money as plain numbers without
/// trailing zeros. Used by Wolverine's endpoints and by every hand-written response.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Numbers must be numbers: "150000" as a string is a client bug we want to hear about.
        o.NumberHandling = JsonNumberHandling.Strict;
        if (!o.Converters.OfType<SinceAlwaysConverter>().Any()) o.Converters.Insert(0, new SinceAlwaysConverter());
        if (!o.Converters.OfType<BoundedInstantConverter>().Any()) o.Converters.Insert(1, new BoundedInstantConverter());
        o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        if (!o.Converters.OfType<MoneyConverter>().Any()) o.Converters.Add(new MoneyConverter());
        // Enums read and write as the snake_case words of the contract ("member", "other_koperasi"),
        // never as numbers: a domain record that reaches a response unmapped must still be readable.
        if (!o.Converters.OfType<JsonStringEnumConverter>().Any())
            o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return o;
    }

    /// <summary>
    /// Dates as ISO "yyyy-MM-dd". The first version of a setting, an account or a rule takes effect
    /// "since always" (NodaTime's earliest date, year -9998): that is written as null, never as a
    /// date no client can parse.
    /// </summary>
    private sealed class SinceAlwaysConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text ?? "");
            if (!parsed.Success) throw new JsonException($"'{text}' is not a date (yyyy-MM-dd).");
            // Year 1 or 9999 is never meant, and would break later (in a schedule, a month loop, the database).
            if (parsed.Value < InputLimits.EarliestDate || parsed.Value > InputLimits.LatestDate)
                throw new JsonException(InputLimits.DateMessage);
            return parsed.Value;
        }

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options)
        {
            if (value == LocalDate.MinIsoValue) writer.WriteNullValue();
            else writer.WriteStringValue(NodaTime.Text.LocalDatePattern.Iso.Format(value));
        }
    }

    /// <summary>Instants as NodaTime writes them (ISO, UTC, "Z"); one read from a request lies between 1900 and 2100.</summary>
    private sealed class BoundedInstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            var parsed = NodaTime.Text.InstantPattern.ExtendedIso.Parse(text ?? "");
            if (!parsed.Success) throw new JsonException($"'{text}' is not a moment (for example 2026-11-22T10:15:00Z).");
            var date = parsed.Value.InUtc().Date;
            if (date < InputLimits.EarliestDate || date > InputLimits.LatestDate)
                throw new JsonException("The moment must be between 1900-01-01 and 2100-12-31.");
            return parsed.Value;
        }

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(NodaTime.Text.InstantPattern.ExtendedIso.Format(value));
    }

    /// <summary>Writes decimals normalised (150000, not 150000.00); reads them as given.</summary>
    private sealed class MoneyConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
    }
}
