using Ekopz.Domain.Common;
using FsCheck;
using FsCheck.Xunit;

namespace Ekopz.Tests.Unit.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("1100159.91", "1", "1100160")]
    [InlineData("1100159.50", "1", "1100160")]
    [InlineData("1100149.99", "100", "1100100")]
    [InlineData("1100150", "1000", "1100000")]
    [InlineData("1100500", "1000", "1101000")]
    public void RoundTo_RoundsHalfAwayFromZeroToTheUnit(string amount, string unit, string expected) =>
        Money.RoundTo(decimal.Parse(amount), decimal.Parse(unit)).Should().Be(decimal.Parse(expected));

    [Property]
    public bool RequirePositive_AcceptsExactlyPositiveTwoDecimalAmounts(PositiveInt whole, byte cents)
    {
        var amount = whole.Get + (cents % 100) / 100m;
        return Money.RequirePositive(amount) == amount;
    }
}
