using Ekopz.Web.Api;

namespace Ekopz.Web.Components;

/// <summary>
/// The errors of one submitted form, in Indonesian: a message per field (shown beside it and in the
/// summary at the top, linked to it) and at most one message about the whole request (a business
/// rule such as "saldo tidak cukup"). Built from the page's own checks and from the API's problem
/// details, whose field keys the page maps to its inputs.
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _fields = [];

    public string? General { get; private set; }
    public bool Any => _fields.Count > 0 || General is not null;
    public IReadOnlyList<(string Field, string Message)> Fields => _fields;

    public void Add(string field, string message)
    {
        if (_fields.All(f => f.Field != field)) _fields.Add((field, message));
    }

    public void SetGeneral(string message) => General ??= message;

    public string? For(string field) => _fields.FirstOrDefault(f => f.Field == field).Message;

    /// <summary>
    /// Reads an API refusal. <paramref name="fields"/> maps the API's field keys to this form's input
    /// ids and their Indonesian message; keys it does not name fall back to a general message.
    /// </summary>
    public void FromProblem(ApiProblem problem, IReadOnlyDictionary<string, (string Input, string Message)> fields)
    {
        foreach (var (key, _) in problem.Errors)
        {
            var match = fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)
                                                   || key.StartsWith(f.Key + "[", StringComparison.OrdinalIgnoreCase)
                                                   || key.StartsWith(f.Key + ".", StringComparison.OrdinalIgnoreCase));
            if (match.Key is not null)
            {
                // A duplicate NIK (409) is worth its own words; other refusals of a field use the form's text.
                var message = problem.Code == "conflict" && key.Equals("nik", StringComparison.OrdinalIgnoreCase) ? Teks.Galat_nik_terdaftar : match.Value.Message;
                Add(match.Value.Input, message);
            }
        }
        if (_fields.Count == 0 || problem.Code != "validation_failed")
            SetGeneral(ErrorText.ForCode(problem.Code));
    }
}
