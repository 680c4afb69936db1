namespace App.Models { class Bin {} }
