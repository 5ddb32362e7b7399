using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCare.Core.Conversations;

/// <summary>Source-generated JSON for persisted state; stores keep state as JSON so records stay immutable.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationState))]
public sealed partial class StateJsonContext : JsonSerializerContext;
