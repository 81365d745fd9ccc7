using System.ComponentModel.DataAnnotations;
using Liyaqa.Domain.Tenancy;

namespace Liyaqa.Domain.Classes;

public sealed record RoomDetails([property: MaxLength(Room.MaxNameLength)] string NameEn, [property: MaxLength(Room.MaxNameLength)] string NameAr, int Capacity);
