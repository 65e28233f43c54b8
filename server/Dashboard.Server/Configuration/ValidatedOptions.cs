using Microsoft.Extensions.Options;

namespace Dashboard.Server.Configuration;

/// <summary>Binds an options class to a configuration section and refuses to start with invalid values, naming each.</summary>
internal static class ValidatedOptions
{
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section, Func<T, IReadOnlyList<string>> validate)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new ListValidator<T>(validate));
        return services;
    }

    private sealed class ListValidator<T>(Func<T, IReadOnlyList<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = validate(options);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
